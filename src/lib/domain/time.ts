/**
 * Time in Foyer: instants are ISO strings in UTC; anything a person reads or a record is
 * filed under (a day, a month) is computed in the site's time zone, never the server's.
 */

/** A source of the current instant. Services take one so SLA, expiry and no-show logic can be tested by setting it. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
	#t: number;
	constructor(start: Date | string = '2026-01-05T01:00:00Z') {
		this.#t = new Date(start).getTime();
	}
	now(): Date {
		return new Date(this.#t);
	}
	set(t: Date | string): void {
		this.#t = new Date(t).getTime();
	}
	advance(ms: number): void {
		this.#t += ms;
	}
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayKey(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
	let f = dayFormats.get(timeZone);
	if (!f) {
		// en-CA formats as YYYY-MM-DD.
		f = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		dayFormats.set(timeZone, f);
	}
	return f.format(at);
}

/** hh:mm of an instant in a time zone (24 h). */
export function clockTime(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(at);
}

/** 2026-11-26 14:05: day and time of an instant in a time zone, as receipts and desk lists show it. */
export function dateTime(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
	return `${dayKey(at, timeZone)} ${clockTime(at, timeZone)}`;
}

/** True when the string names a time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}
