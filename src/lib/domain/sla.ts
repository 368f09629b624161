import { z } from 'zod';
import { CATEGORIES } from './work-order';
import {
	merge,
	MINUTE_MS,
	minuteSpans,
	minutesOf,
	openMs,
	walk,
	type Calendar
} from './sla-calendar';
import { DEFAULT_TIME_ZONE, isTimeZone } from './time';

/**
 * The SLA clock: work-order response and resolution targets count only the site's business
 * hours, in the site's time zone, and stop while an order is on hold. Every function is pure;
 * the current instant always comes in as an argument.
 */

/** `HH:MM`, 00:00–23:59, or 24:00 to close at midnight. */
const timeOfDaySchema = z
	.string()
	.regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'error.timeOfDay' });

/** One open interval of a day. Overnight opening is written as two: 22:00–24:00, 00:00–06:00. */
export const openIntervalSchema = z
	.object({ open: timeOfDaySchema, close: timeOfDaySchema })
	.refine((i) => minutesOf(i.open) < minutesOf(i.close), {
		error: 'error.intervalOrder',
		path: ['close']
	});
export type OpenInterval = z.infer<typeof openIntervalSchema>;

/** A day's intervals, e.g. 08:30–12:00 and 13:30–17:30; they may touch but not overlap. */
const dayHoursSchema = z
	.array(openIntervalSchema)
	.refine((list) => minuteSpans(list).every((s, i, all) => i === 0 || all[i - 1]![1] <= s[0]), {
		error: 'error.intervalsOverlap'
	});

/** A calendar day, `YYYY-MM-DD`, in the site's time zone. */
const dateKeySchema = z
	.string()
	.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, { error: 'error.date' });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * When the service center counts as open. A holiday is closed all day; a workday (调休: a
 * weekend day worked in exchange for a holiday) uses `workdayTemplate` whatever its weekday.
 */
export const businessHoursSchema = z
	.object({
		timeZone: z.string().refine(isTimeZone, { error: 'error.timeZone' }),
		week: z.record(z.enum(WEEKDAYS), dayHoursSchema),
		holidays: z.array(dateKeySchema),
		workdays: z.array(dateKeySchema),
		workdayTemplate: dayHoursSchema
	})
	.refine((h) => !h.workdays.some((d) => h.holidays.includes(d)), {
		error: 'error.holidayIsWorkday',
		path: ['workdays']
	})
	// A week with no hours at all would make every due time "never".
	.refine((h) => WEEKDAYS.some((d) => h.week[d].length > 0), {
		error: 'error.neverOpen',
		path: ['week']
	});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const staffedDay = (): OpenInterval[] => [{ open: '08:30', close: '18:00' }];

/** Every day 08:30–18:00, lunch staffed, no holidays: a typical property service center. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
	timeZone: DEFAULT_TIME_ZONE,
	week: {
		mon: staffedDay(),
		tue: staffedDay(),
		wed: staffedDay(),
		thu: staffedDay(),
		fri: staffedDay(),
		sat: staffedDay(),
		sun: staffedDay()
	},
	holidays: [],
	workdays: [],
	workdayTemplate: staffedDay()
};

/** The categories, declared once with the work orders. */
export const WORK_ORDER_CATEGORIES = CATEGORIES;
export type WorkOrderCategory = (typeof WORK_ORDER_CATEGORIES)[number];

/** Targets of one category, in business minutes: first response, then resolution. */
export const slaTargetSchema = z
	.object({
		responseMinutes: z.number().int().positive(),
		resolutionMinutes: z.number().int().positive()
	})
	.refine((t) => t.resolutionMinutes >= t.responseMinutes, {
		error: 'error.slaTargetOrder',
		path: ['resolutionMinutes']
	});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

/** A target for every work-order category. */
export const slaTargetsSchema = z.record(z.enum(WORK_ORDER_CATEGORIES), slaTargetSchema);
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

/** Starting values only: an admin sets the site's own targets in settings. */
export const DEFAULT_SLA_TARGETS: SlaTargets = {
	repair: { responseMinutes: 30, resolutionMinutes: 480 },
	cleaning: { responseMinutes: 60, resolutionMinutes: 240 },
	greening: { responseMinutes: 120, resolutionMinutes: 2880 },
	pest: { responseMinutes: 120, resolutionMinutes: 2880 },
	paid: { responseMinutes: 60, resolutionMinutes: 1440 },
	complaint: { responseMinutes: 60, resolutionMinutes: 1440 },
	suggestion: { responseMinutes: 480, resolutionMinutes: 4320 }
};

/** A category's response or resolution target in business ms. */
export function slaTargetMs(
	targets: SlaTargets,
	category: WorkOrderCategory,
	kind: 'response' | 'resolution'
): number {
	const t = targets[category];
	return (kind === 'response' ? t.responseMinutes : t.resolutionMinutes) * MINUTE_MS;
}

/** Calendars already built, per hours object: reports measure thousands of orders with one. */
const calendars = new WeakMap<BusinessHours, Calendar>();

function calendar(hours: BusinessHours): Calendar {
	let cal = calendars.get(hours);
	if (!cal) calendars.set(hours, (cal = buildCalendar(hours)));
	return cal;
}

function buildCalendar(hours: BusinessHours): Calendar {
	const w = hours.week;
	return {
		timeZone: hours.timeZone,
		week: [w.sun, w.mon, w.tue, w.wed, w.thu, w.fri, w.sat].map(minuteSpans),
		holidays: new Set(hours.holidays),
		workdays: new Set(hours.workdays),
		workdayTemplate: minuteSpans(hours.workdayTemplate)
	};
}

function instant(d: Date, name: string): number {
	const t = d.getTime();
	if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
	return t;
}

function duration(ms: number, name: string): number {
	if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`${name} must be a finite ms ≥ 0`);
	return ms;
}

/** Business time from `from` to `to` in ms; 0 when `to` is not after `from`. */
export function businessMsBetween(hours: BusinessHours, from: Date, to: Date): number {
	const a = instant(from, 'from');
	const b = instant(to, 'to');
	return b > a ? openMs(calendar(hours), a, b) : 0;
}

/** Business time from `from` to `to` in minutes (fractional). */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date): number {
	return businessMsBetween(hours, from, to) / MINUTE_MS;
}

/**
 * The instant when `ms` of business time has passed after `from`: outside hours, counting
 * starts at the next opening. Exactly the earliest such instant, so `ms` = 0 gives `from` and
 * a target used up exactly at closing gives the closing time (not the next morning).
 */
export function addBusinessMs(hours: BusinessHours, from: Date, ms: number): Date {
	// Never null: nothing is blocked for good.
	return new Date(walk(calendar(hours), instant(from, 'from'), duration(ms, 'ms'), [])!);
}

/** A hold on a work order; `to: null` while it is still on hold. */
export interface Pause {
	from: Date;
	to: Date | null;
}

/**
 * Business time on the SLA clock from `start` to `now`, less business time on hold. Pauses may
 * overlap each other or lie outside hours; an open pause runs until `now`.
 */
export function slaElapsedMs(
	hours: BusinessHours,
	input: { start: Date; now: Date; pauses?: readonly Pause[] }
): number {
	const start = instant(input.start, 'start');
	const now = instant(input.now, 'now');
	if (now <= start) return 0;
	const cal = calendar(hours);
	const held = merge(
		(input.pauses ?? []).map((p) => [
			Math.max(instant(p.from, 'pause.from'), start),
			Math.min(p.to ? instant(p.to, 'pause.to') : now, now)
		])
	);
	return held.reduce((total, [s, e]) => total - openMs(cal, s, e), openMs(cal, start, now));
}

/**
 * When the clock will pass `targetMs` if nothing changes after `now`: pauses recorded so far
 * count, an open pause holds the clock indefinitely, pauses starting after `now` are ignored.
 * Null while an open pause holds the clock before the target was reached; an order that went
 * overdue and was then put on hold keeps the (past) instant it went overdue.
 */
export function dueAt(
	hours: BusinessHours,
	input: { start: Date; now: Date; targetMs: number; pauses?: readonly Pause[] }
): Date | null {
	const start = instant(input.start, 'start');
	const now = instant(input.now, 'now');
	const held = merge(
		(input.pauses ?? [])
			.filter((p) => instant(p.from, 'pause.from') <= now)
			.map((p) => [
				Math.max(p.from.getTime(), start),
				p.to ? instant(p.to, 'pause.to') : Number.POSITIVE_INFINITY
			])
	);
	const t = walk(calendar(hours), start, duration(input.targetMs, 'targetMs'), held);
	return t === null ? null : new Date(t);
}

export const SLA_STATES = ['ok', 'dueSoon', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/**
 * Where a clock stands against its target: overdue once the elapsed time reaches the target
 * (at the due instant itself, and through the night after a target used up at closing),
 * due soon from `dueSoonRatio` (default 0.8) of the target, otherwise ok.
 */
export function slaState(input: {
	elapsedMs: number;
	targetMs: number;
	dueSoonRatio?: number;
}): SlaState {
	const { elapsedMs, targetMs, dueSoonRatio = 0.8 } = input;
	if (!(dueSoonRatio >= 0 && dueSoonRatio <= 1)) throw new RangeError('dueSoonRatio is 0–1');
	if (elapsedMs >= targetMs) return 'overdue';
	return elapsedMs >= targetMs * dueSoonRatio ? 'dueSoon' : 'ok';
}

/** Business time left before the target; negative once overdue (by how much). */
export function remainingMs(input: { elapsedMs: number; targetMs: number }): number {
	return input.targetMs - input.elapsedMs;
}
