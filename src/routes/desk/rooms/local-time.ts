import { DAY_MS, wallToInstant } from '$lib/domain/sla-calendar';

/**
 * The desk enters meetings in the site's wall-clock time (a day and HH:MM); the booking service
 * stores instants. These turn one into the other through Intl (wallToInstant), never through
 * the server's own zone, so a server running in UTC still books 14:00 in Shanghai at 06:00Z.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` that names a real date, else null. */
export function dayNumber(day: string): number | null {
	const m = DAY.exec(day);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = Date.UTC(y, mo - 1, d);
	// Date.UTC rolls 2026-02-30 over to March: a date that does not round-trip is not real.
	const back = new Date(t);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
		return null;
	}
	return t / DAY_MS;
}

/**
 * The ISO instant at which `hhmm` (24 h) happens on `day` in `timeZone`, or null when either
 * is malformed. A time skipped by a daylight-saving jump moves forward, like Temporal does.
 */
export function localToInstant(day: string, hhmm: string, timeZone: string): string | null {
	const d = dayNumber(day);
	const m = TIME.exec(hhmm);
	if (d === null || !m) return null;
	const wall = d * DAY_MS + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
	return new Date(wallToInstant(timeZone, wall)).toISOString();
}

/** `day` moved by `n` days (calendar days: a DST change does not shift it). */
export function addDays(day: string, n: number): string {
	const d = dayNumber(day) ?? 0;
	return new Date((d + n) * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `day` is in (weeks start on Monday in China). */
export function weekStart(day: string): string {
	const d = dayNumber(day) ?? 0;
	// 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
	return addDays(day, -((d + 3) % 7));
}
