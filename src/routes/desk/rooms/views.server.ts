import QRCode from 'qrcode';
import { heldSpan, type Booking } from '$lib/domain/booking';
import { clockTime, dateTime, dayKey } from '$lib/domain/time';
import { formatNumber } from '$lib/domain/work-order';
import { translator, type Locale } from '$lib/i18n';
import type { Foyer } from '$lib/server/foyer';
import { GRID_MINUTES, avDue, averageScore, isLive, place, type Placement } from './grid';
import { checklist } from './labels';
import { addDays, localToInstant, weekStart } from './local-time';

/** What the guest's phone or the kiosk scans: the kiosk takes any text ending in the code. */
export const checkInPayload = (code: string) => `FOYER-MEETING-${code}`;

/** A booking as the grid and the week list show it (staff: private titles included). */
export interface BookingRow {
	id: string;
	roomId: string;
	title: string;
	private: boolean;
	host: string;
	organization: string;
	attendees: number;
	checkedIn: number;
	status: Booking['status'];
	vip: boolean;
	/** 14:00–15:30 in the site's zone. */
	time: string;
	live: boolean;
	avDue: boolean;
}

function rowOf(app: Foyer, b: Booking, now: number): BookingRow {
	const tz = app.site.site.timeZone;
	return {
		id: b.id,
		roomId: b.roomId,
		title: b.title,
		private: b.private,
		host: b.host,
		organization: b.organization,
		attendees: b.attendees,
		checkedIn: b.checkedIn,
		status: b.status,
		vip: b.vip,
		time: `${clockTime(new Date(b.start), tz)}–${clockTime(new Date(b.end), tz)}`,
		live: isLive(b, now),
		avDue: avDue(b, now, app.rooms.policy)
	};
}

const instant = (day: string, hhmm: string, tz: string) =>
	Date.parse(localToInstant(day, hhmm, tz) ?? '');

/**
 * One day: blocks on the 07:00–22:00 grid for bookings that held (or hold) a room then, and
 * beside it the day's cancelled and released ones and any outside the grid's hours.
 */
export function dayView(app: Foyer, day: string, now: number) {
	const tz = app.site.site.timeZone;
	const gridTop = instant(day, '07:00', tz);
	const blocks: (BookingRow & { at: Placement })[] = [];
	const others: BookingRow[] = [];
	for (const b of app.bookings.all()) {
		const held = b.status === 'booked' || b.status === 'ended';
		const at = held ? place(b, gridTop) : null;
		if (at) blocks.push({ ...rowOf(app, b, now), at });
		else if (dayKey(new Date(b.start), tz) === day) others.push(rowOf(app, b, now));
	}
	const nowTop = (now - gridTop) / 60_000;
	return {
		blocks,
		others,
		nowTop: nowTop >= 0 && nowTop <= GRID_MINUTES ? nowTop : null
	};
}

/** Monday to Sunday around `day`: each day's bookings per room, in time order. */
export function weekView(app: Foyer, day: string, now: number) {
	const tz = app.site.site.timeZone;
	const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart(day), i));
	const rows = new Map(days.map((d) => [d, [] as BookingRow[]]));
	for (const b of app.bookings.all()) {
		rows.get(dayKey(new Date(b.start), tz))?.push(rowOf(app, b, now));
	}
	return days.map((d) => ({ day: d, bookings: rows.get(d) ?? [] }));
}

/** Everything about one booking for the conference staff, QR codes drawn here. */
export async function detailOf(
	app: Foyer,
	b: Booking,
	opts: { locale: Locale; origin: string; now: number }
) {
	const tz = app.site.site.timeZone;
	const t = translator(opts.locale);
	const room = app.site.site.rooms.find((r) => r.id === b.roomId);
	const order = b.avCheck.workOrderId ? app.workOrders.get(b.avCheck.workOrderId) : undefined;
	// Last check's answers, by the label they were recorded under.
	const before = new Map(b.avCheck.items.map((i) => [i.item, i.ok]));
	const feedbackUrl = `${opts.origin}/f/${b.feedbackToken}`;
	const qr = (text: string) => QRCode.toDataURL(text, { margin: 1, width: 220 });
	const [held0, held1] = heldSpan(b);
	const when = (iso: string) => dateTime(new Date(iso), tz);
	return {
		...rowOf(app, b, opts.now),
		booking: b,
		room: room ? { name: room.name, floor: room.floor, capacity: room.capacity } : null,
		date: dayKey(new Date(b.start), tz),
		held: `${clockTime(new Date(held0), tz)}–${clockTime(new Date(held1), tz)}`,
		checkInQr: await qr(checkInPayload(b.code)),
		avItems: checklist(t, room?.equipment ?? [], b.av).map((item) => ({
			item,
			ok: before.get(item) ?? null
		})),
		avCheckedAt: b.avCheck.at ? when(b.avCheck.at) : null,
		workOrder: order ? { id: order.id, number: formatNumber(order.number) } : null,
		history: b.history.map((h) => ({ ...h, at: when(h.at) })),
		feedback: b.feedback.map((f) => ({ ...f, at: when(f.at) })),
		average: averageScore(b.feedback),
		feedbackUrl,
		feedbackQr: await qr(feedbackUrl)
	};
}
export type BookingDetail = Awaited<ReturnType<typeof detailOf>>;
