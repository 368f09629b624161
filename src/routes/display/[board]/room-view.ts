import type { RoomState } from '$lib/domain/booking';
import type { PublicMeeting, PublicRoom } from '$lib/domain/rooms-board';
import { clockTime, dayKey } from '$lib/domain/time';
import type { Locale, MessageKey, Translate } from '$lib/i18n';

/**
 * What the rooms board and a door panel show for one room at a moment, pure so it is tested
 * without a browser. The room's state comes from the server (re-sent as it changes by the
 * clock); times read against `now` are ms on the server's clock (BoardClock).
 */

/**
 * Guests may check in from this long before the start: the policy's default, for a meeting
 * read without its room (each PublicRoom carries the site's own value).
 */
export const CHECK_IN_OPEN_MIN = 30;
/** Book-now lengths offered on a free room's panel, in minutes. */
export const BOOK_NOW_MINUTES = [15, 30, 60] as const;
/** How much longer a running meeting can be made at the door. */
export const EXTEND_MINUTES = [15, 30] as const;

const MINUTE = 60_000;

/**
 * Each state's colour, from the Okabe–Ito palette (told apart with the common colour-vision
 * deficiencies); dark text reads on each. The state's word is always shown beside the colour.
 * A room whose AV check is due looks to guests like one being set up: the check is the
 * conference staff's business (the desk shows it), not a word for a guest at 3 m.
 */
export const STATE_COLOURS: Record<RoomState, string> = {
	free: '#009e73',
	inUse: '#d55e00',
	startingSoon: '#e69f00',
	settingUp: '#56b4e9',
	avCheckDue: '#56b4e9'
};

/** Every state guests are shown, in the order a legend lists them. */
export const STATE_ORDER: readonly RoomState[] = ['free', 'startingSoon', 'inUse', 'settingUp'];

/** The state's colour and the message key of its word, as guests are shown it. */
export function stateLook(state: RoomState): { colour: string; word: MessageKey } {
	const shown = state === 'avCheckDue' ? 'settingUp' : state;
	return { colour: STATE_COLOURS[shown], word: `display.rooms.state.${shown}` };
}

/** Whether guests can check in to `meeting` at `now`: from shortly before its start to its end. */
export function checkInOpen(
	meeting: Pick<PublicMeeting, 'start' | 'end'>,
	now: number,
	openMin: number = CHECK_IN_OPEN_MIN
): boolean {
	return now >= Date.parse(meeting.start) - openMin * MINUTE && now < Date.parse(meeting.end);
}

/** How to print times: the site's time zone and the screen's language. */
export interface TimeFormat {
	now: number;
	timeZone: string;
	locale: Locale;
}

/** 14:00 today; "1月6日 14:00" (or "6 Jan 14:00") on another day. */
export function whenText(iso: string, f: TimeFormat, t: Translate): string {
	const at = new Date(iso);
	const time = clockTime(at, f.timeZone);
	if (dayKey(at, f.timeZone) === dayKey(new Date(f.now), f.timeZone)) return time;
	const date = new Intl.DateTimeFormat(f.locale, {
		timeZone: f.timeZone,
		month: 'short',
		day: 'numeric'
	}).format(at);
	return t('display.rooms.dayTime', { date, time });
}

/** 09:00–11:00 (the day is shown only when the meeting is not today). */
export function rangeText(m: Pick<PublicMeeting, 'start' | 'end'>, f: TimeFormat, t: Translate) {
	return `${whenText(m.start, f, t)}–${clockTime(new Date(m.end), f.timeZone)}`;
}

/** The title to show: a private meeting's is withheld by the server. */
export function titleText(m: Pick<PublicMeeting, 'title'>, t: Translate): string {
	return m.title ?? t('display.rooms.private');
}

/**
 * The meeting shown large: the one in the room now, else the next once it is about to start
 * (its check-in window is open, or the room says starting soon / AV check due).
 */
export function featured(room: PublicRoom, now: number): PublicMeeting | null {
	if (room.current) return room.current;
	const next = room.next;
	if (!next) return null;
	const soon = room.state === 'startingSoon' || room.state === 'avCheckDue';
	return soon || checkInOpen(next, now, room.checkInOpenMin) ? next : null;
}

/** Today's meetings after the featured one (the door panel's "later today" list). */
export function laterToday(room: PublicRoom, shown: PublicMeeting | null): PublicMeeting[] {
	return room.later.filter((m) => m.id !== shown?.id);
}

/** The meeting after the featured one: today's or, failing that, the room's next at all. */
export function upcoming(room: PublicRoom, shown: PublicMeeting | null): PublicMeeting | null {
	const later = laterToday(room, shown)[0];
	if (later) return later;
	return room.next && room.next.id !== shown?.id ? room.next : null;
}

/**
 * "空闲至 14:30" for a free room, "今日空闲" when nothing else is booked today; null when the
 * room is not free (its state and meetings say the rest).
 */
export function freeText(room: PublicRoom, f: TimeFormat, t: Translate): string | null {
	if (room.state !== 'free' || room.current) return null;
	const until = room.freeUntil;
	if (until && dayKey(new Date(until), f.timeZone) === dayKey(new Date(f.now), f.timeZone)) {
		return t('display.rooms.freeUntil', { time: clockTime(new Date(until), f.timeZone) });
	}
	return t('display.rooms.freeToday');
}

/** The panel's buttons for a room at `now`; empty lists and nulls are buttons not shown. */
export interface PanelButtons {
	/** Book-now lengths that fit before the next booking's setup (free rooms only). */
	bookNow: number[];
	/** Extensions of the running meeting. */
	extend: number[];
	/** The running meeting can be ended now. */
	endEarly: boolean;
	/** The meeting "Start meeting" starts: the next one in its check-in window, or the running
	 * one nobody has checked in to yet (before it is released as a no-show). */
	start: PublicMeeting | null;
}

/** Which panel buttons show for the room at `now`. */
export function panelButtons(room: PublicRoom, now: number): PanelButtons {
	const current = room.current;
	if (current) {
		const unclaimed =
			current.checkedIn === 0 &&
			!current.started &&
			now < Date.parse(current.start) + room.noShowMin * MINUTE;
		return {
			bookNow: [],
			extend: [...EXTEND_MINUTES],
			endEarly: true,
			start: unclaimed ? current : null
		};
	}
	const until = room.freeUntil ? Date.parse(room.freeUntil) : Infinity;
	const bookNow =
		room.state === 'free' ? BOOK_NOW_MINUTES.filter((m) => now + m * MINUTE <= until) : [];
	const start = room.next && checkInOpen(room.next, now, room.checkInOpenMin) ? room.next : null;
	return { bookNow, extend: [], endEarly: false, start };
}
