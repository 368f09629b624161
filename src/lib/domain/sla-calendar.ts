/**
 * The calendar under the SLA clock: which spans of real time a site is open, found one local
 * day at a time (never one minute at a time), with wall-clock times turned into instants
 * through Intl so zones with daylight saving are handled and no offset is assumed.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** After this many closed days in a row a forward walk gives up instead of looping forever. */
const MAX_CLOSED_DAYS = 400;

/** An open interval of one day in minutes after midnight, close exclusive (24:00 = 1440). */
export type MinuteSpan = readonly [open: number, close: number];

/** Business hours ready for walking: intervals in minutes, day lists as sets. */
export interface Calendar {
	timeZone: string;
	/** Indexed by weekday as Date.getUTCDay numbers them: 0 = Sunday. */
	week: readonly (readonly MinuteSpan[])[];
	holidays: ReadonlySet<string>;
	workdays: ReadonlySet<string>;
	workdayTemplate: readonly MinuteSpan[];
}

/** Minutes after midnight of `HH:MM` (24:00 allowed). */
export function minutesOf(hhmm: string): number {
	const [h, m] = hhmm.split(':').map(Number) as [number, number];
	return h * 60 + m;
}

/** Intervals in minutes, sorted by opening. */
export function minuteSpans(intervals: readonly { open: string; close: string }[]): MinuteSpan[] {
	return intervals
		.map((i): MinuteSpan => [minutesOf(i.open), minutesOf(i.close)])
		.sort((a, b) => a[0] - b[0]);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Wall clock minus UTC at an instant, in ms, e.g. 8 h in Asia/Shanghai. */
export function offsetMs(timeZone: string, t: number): number {
	let f = formats.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formats.set(timeZone, f);
	}
	// format() + split is about 3× faster than formatToParts, and this is the hot path.
	// en-US with h23 reads "3/29/2026, 02:30:00".
	const [mo = 1, d = 1, y = 1970, h = 0, mi = 0, s = 0] = f.format(t).split(/\D+/).map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi, s);
	return wall - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time (ms since the epoch as if the zone were UTC) happens. A time
 * that occurs twice (clocks going back) gives the earlier; one skipped by clocks going forward
 * is moved forward by the gap (02:30 on a spring-forward night becomes 03:30), as
 * Temporal's "compatible" disambiguation does.
 */
export function wallToInstant(timeZone: string, wall: number): number {
	// The true instant lies within ±14 h of `wall`, so these bracket any transition near it.
	const before = offsetMs(timeZone, wall - DAY_MS);
	const after = offsetMs(timeZone, wall + DAY_MS);
	const early = wall - before;
	if (before === after) return early;
	const late = wall - after;
	const earlyOk = offsetMs(timeZone, early) === before;
	const lateOk = offsetMs(timeZone, late) === after;
	if (earlyOk && lateOk) return Math.min(early, late);
	if (lateOk && !earlyOk) return late;
	return early;
}

/** The local day number (days since 1970-01-01 on the wall) of an instant. */
export function localDay(timeZone: string, t: number): number {
	return Math.floor((t + offsetMs(timeZone, t)) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dayKeyOf(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Local midnights found so far, per zone. Safe to keep: a pure function of zone and day. */
const midnights = new Map<string, Map<number, number>>();
const MAX_MIDNIGHTS = 100_000;

/** The instant a local day begins (after the gap, on the rare day whose midnight is skipped). */
export function dayStart(timeZone: string, day: number): number {
	let known = midnights.get(timeZone);
	if (!known) midnights.set(timeZone, (known = new Map()));
	let t = known.get(day);
	if (t !== undefined) return t;
	// Usually a day begins 24 h after the one before, at the same offset: one Intl call.
	const before = known.get(day - 1);
	const guess = before === undefined ? undefined : before + DAY_MS;
	t =
		guess !== undefined && offsetMs(timeZone, guess) === day * DAY_MS - guess
			? guess
			: wallToInstant(timeZone, day * DAY_MS);
	if (known.size >= MAX_MIDNIGHTS) known.clear();
	known.set(day, t);
	return t;
}

/** The open intervals of one local day: a holiday is closed, a listed workday uses the template. */
export function dayPlan(cal: Calendar, day: number): readonly MinuteSpan[] {
	if (cal.holidays.size > 0 || cal.workdays.size > 0) {
		const key = dayKeyOf(day);
		if (cal.holidays.has(key)) return [];
		if (cal.workdays.has(key)) return cal.workdayTemplate;
	}
	// 1970-01-01 was a Thursday (4).
	return cal.week[(((day + 4) % 7) + 7) % 7] ?? [];
}

/**
 * Open spans of real time as [start, end) instants in ms, clipped to [from, to), in order.
 * Without `to` it runs on until the caller stops; it throws a RangeError after
 * MAX_CLOSED_DAYS closed days in a row rather than loop forever on a calendar that never opens.
 */
export function* openSpans(
	cal: Calendar,
	from: number,
	to = Number.POSITIVE_INFINITY
): Generator<[number, number]> {
	const tz = cal.timeZone;
	let day = localDay(tz, from);
	let start = dayStart(tz, day);
	let closedDays = 0;
	while (start < to) {
		const next = dayStart(tz, day + 1);
		const regular = next - start === DAY_MS;
		const plan = dayPlan(cal, day);
		let opened = false;
		for (const [open, close] of plan) {
			const at = (m: number): number => {
				if (m >= 1440) return next;
				if (regular) return start + m * MINUTE_MS;
				// A 23 or 25 hour day: convert each time on its own, kept within the day.
				return Math.min(Math.max(wallToInstant(tz, day * DAY_MS + m * MINUTE_MS), start), next);
			};
			const s = Math.max(at(open), from);
			const e = Math.min(at(close), to);
			if (e > s) {
				opened = true;
				yield [s, e];
			}
		}
		closedDays = opened || plan.length > 0 ? 0 : closedDays + 1;
		if (closedDays > MAX_CLOSED_DAYS) {
			throw new RangeError(`no business hours within ${MAX_CLOSED_DAYS} days`);
		}
		day += 1;
		start = next;
	}
}

/** Open time between two instants in ms. */
export function openMs(cal: Calendar, from: number, to: number): number {
	let sum = 0;
	for (const [s, e] of openSpans(cal, from, to)) sum += e - s;
	return sum;
}

/** Spans sorted and merged, empty ones dropped. */
export function merge(spans: [number, number][]): [number, number][] {
	const out: [number, number][] = [];
	for (const [s, e] of spans.filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0])) {
		const last = out.at(-1);
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else out.push([s, e]);
	}
	return out;
}

/**
 * The earliest instant at which `ms` of business time has passed since `from`, skipping the
 * sorted, disjoint `blocked` spans (an end of Infinity never ends: then null).
 */
export function walk(
	cal: Calendar,
	from: number,
	ms: number,
	blocked: [number, number][]
): number | null {
	if (ms === 0) return from;
	let rest = ms;
	let i = 0;
	for (const [open, close] of openSpans(cal, from)) {
		let s = open;
		while (s < close) {
			while (i < blocked.length && blocked[i]![1] <= s) i++;
			const b = blocked[i];
			if (b && b[0] <= s) {
				if (b[1] === Number.POSITIVE_INFINITY) return null;
				s = b[1];
				continue;
			}
			const stop = b ? Math.min(close, b[0]) : close;
			// `<=`: a target used up exactly at closing lands on the closing time, not the next opening.
			if (rest <= stop - s) return s + rest;
			rest -= stop - s;
			s = stop;
		}
	}
	// openSpans runs on until it throws on a calendar that never opens.
	throw new RangeError('unreachable');
}
