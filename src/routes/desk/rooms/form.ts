import type { Booking } from '$lib/domain/booking';
import { clockTime, dayKey } from '$lib/domain/time';
import { localToInstant } from './local-time';

/** What the booking form shows: the site's wall-clock day and times, not instants. */
export interface BookingFields {
	roomId: string;
	title: string;
	private: boolean;
	host: string;
	organization: string;
	date: string;
	start: string;
	end: string;
	setupMin: number;
	teardownMin: number;
	attendees: number | null;
	layout: string;
	services: string[];
	banner: string;
	welcome: string;
	av: string[];
	vip: boolean;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/**
 * The booking form → the service's input (validated there, by bookingInputSchema). A day or
 * time that cannot be read becomes '' so the schema reports it on that field (error.bookingTime).
 */
export function bookingFromForm(form: FormData, timeZone: string): Record<string, unknown> {
	const date = text(form, 'date');
	const at = (name: string) => localToInstant(date, text(form, name), timeZone) ?? '';
	return {
		roomId: text(form, 'roomId'),
		title: text(form, 'title'),
		private: form.has('private'),
		host: text(form, 'host'),
		organization: text(form, 'organization'),
		start: at('start'),
		end: at('end'),
		setupMin: text(form, 'setupMin') || 0,
		teardownMin: text(form, 'teardownMin') || 0,
		// Empty or not a number: 0, which the schema refuses as "enter the attendees" (NaN would
		// only say "invalid").
		attendees: /^\d+$/.test(text(form, 'attendees')) ? text(form, 'attendees') : 0,
		layout: text(form, 'layout'),
		services: form.getAll('services').map(String),
		banner: text(form, 'banner'),
		welcome: text(form, 'welcome'),
		av: form.getAll('av').map(String),
		vip: form.has('vip')
	};
}

/** An existing booking in the form's terms (the site's day and times). */
export function fieldsOf(b: Booking, timeZone: string): BookingFields {
	const { roomId, title, host, organization, setupMin, teardownMin, attendees } = b;
	const start = new Date(b.start);
	return {
		roomId,
		title,
		private: b.private,
		host,
		organization,
		date: dayKey(start, timeZone),
		start: clockTime(start, timeZone),
		end: clockTime(new Date(b.end), timeZone),
		setupMin,
		teardownMin,
		attendees,
		layout: b.layout,
		services: [...b.services],
		banner: b.banner,
		welcome: b.welcome,
		av: [...b.av],
		vip: b.vip
	};
}

/** A new booking's form: the chosen room, day and hour, an hour long, 15-minute buffers. */
export function newFields(opts: {
	roomId: string;
	date: string;
	at: string | null;
}): BookingFields {
	const start = opts.at && /^([01]\d|2[0-3]):00$/.test(opts.at) ? opts.at : '09:00';
	const hour = Number(start.slice(0, 2));
	return {
		roomId: opts.roomId,
		title: '',
		private: false,
		host: '',
		organization: '',
		date: opts.date,
		start,
		end: hour < 23 ? `${String(hour + 1).padStart(2, '0')}:00` : '23:59',
		setupMin: 15,
		teardownMin: 15,
		attendees: null,
		layout: '',
		services: [],
		banner: '',
		welcome: '',
		av: [],
		vip: false
	};
}

/**
 * The AV checklist form: one `item` per line (its label as the person saw it, which is what the
 * repair work order will say) and `ok.<index>` = 'yes' | 'no'. An unanswered line counts as not
 * checked: it is refused rather than passed.
 */
export function avItemsFromForm(form: FormData): { item: string; ok: boolean }[] | null {
	const items = form.getAll('item').map(String);
	const answers = items.map((_, i) => form.get(`ok.${i}`));
	if (answers.some((a) => a !== 'yes' && a !== 'no')) return null;
	return items.map((item, i) => ({ item, ok: answers[i] === 'yes' }));
}
