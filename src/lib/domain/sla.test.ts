import { describe, expect, it } from 'vitest';
import {
	addBusinessMs,
	businessHoursSchema,
	businessMinutesBetween,
	businessMsBetween,
	DEFAULT_BUSINESS_HOURS,
	DEFAULT_SLA_TARGETS,
	dueAt,
	remainingMs,
	slaElapsedMs,
	slaState,
	slaTargetMs,
	slaTargetsSchema,
	type BusinessHours,
	type OpenInterval
} from './sla';

const MIN = 60_000;
/** A wall-clock time in Asia/Shanghai (UTC+8 all year). */
const sh = (s: string): Date => new Date(`${s}+08:00`);
const minutes = (h: BusinessHours, from: Date, to: Date): number =>
	businessMinutesBetween(h, from, to);

const iv = (open: string, close: string): OpenInterval => ({ open, close });
const weekday = [iv('08:30', '12:00'), iv('13:30', '17:30')];

/** Mon–Fri 08:30–12:00 + 13:30–17:30, Sat 09:00–12:00, Sun closed. 2026-01-05 is a Monday. */
const OFFICE: BusinessHours = {
	timeZone: 'Asia/Shanghai',
	week: {
		mon: weekday,
		tue: weekday,
		wed: weekday,
		thu: weekday,
		fri: weekday,
		sat: [iv('09:00', '12:00')],
		sun: []
	},
	holidays: [],
	workdays: [],
	workdayTemplate: weekday
};
const every = (tz: string, day: OpenInterval[]): BusinessHours => ({
	timeZone: tz,
	week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
	holidays: [],
	workdays: [],
	workdayTemplate: day
});

describe('business time between two instants', () => {
	it('counts wall time within one interval', () => {
		expect(minutes(OFFICE, sh('2026-01-05T09:00'), sh('2026-01-05T10:30'))).toBe(90);
	});
	it('skips the lunch break', () => {
		expect(minutes(OFFICE, sh('2026-01-05T11:00'), sh('2026-01-05T14:00'))).toBe(90);
	});
	it('counts only the open hours overnight: 17:00 → next 09:00 is 60 minutes', () => {
		expect(minutes(OFFICE, sh('2026-01-05T17:00'), sh('2026-01-06T09:00'))).toBe(60);
	});
	it('is zero inside closed hours and when `to` is not after `from`', () => {
		expect(minutes(OFFICE, sh('2026-01-05T12:10'), sh('2026-01-05T13:20'))).toBe(0);
		expect(minutes(OFFICE, sh('2026-01-05T10:00'), sh('2026-01-05T09:00'))).toBe(0);
	});
	it('keeps fractions of a minute', () => {
		expect(minutes(OFFICE, sh('2026-01-05T09:00:30'), sh('2026-01-05T09:01'))).toBe(0.5);
		expect(businessMsBetween(OFFICE, sh('2026-01-05T09:00'), sh('2026-01-05T09:00:01.5'))).toBe(
			1500
		);
	});
	it('counts a Saturday with hours and nothing on a closed Sunday', () => {
		// Fri 17:00–17:30, Sat 09:00–12:00, Mon 08:30–09:00.
		expect(minutes(OFFICE, sh('2026-01-09T17:00'), sh('2026-01-12T09:00'))).toBe(30 + 180 + 30);
	});
	it('counts nothing on a holiday, even a weekday', () => {
		const h = { ...OFFICE, holidays: ['2026-01-06'] };
		expect(minutes(OFFICE, sh('2026-01-05T17:00'), sh('2026-01-07T09:00'))).toBe(30 + 450 + 30);
		expect(minutes(h, sh('2026-01-05T17:00'), sh('2026-01-07T09:00'))).toBe(30 + 30);
	});
	it('works a 调休 day with the workday template, whatever its weekday', () => {
		// Spring Festival 2026: Sat 14 Feb is worked, 15–23 Feb are holidays.
		const holidays = Array.from({ length: 9 }, (_, i) => `2026-02-${15 + i}`);
		const h = { ...OFFICE, holidays, workdays: ['2026-02-14', '2026-01-11'] };
		expect(minutes(OFFICE, sh('2026-02-14T08:00'), sh('2026-02-14T18:00'))).toBe(180);
		expect(minutes(h, sh('2026-02-14T08:00'), sh('2026-02-14T18:00'))).toBe(450);
		expect(minutes(h, sh('2026-01-11T08:00'), sh('2026-01-11T18:00'))).toBe(450); // a Sunday
		// Fri 13 Feb 17:00 → Tue 24 Feb 09:00: Fri 30, Sat 14 450, then nothing until Tue 30.
		expect(minutes(h, sh('2026-02-13T17:00'), sh('2026-02-24T09:00'))).toBe(30 + 450 + 30);
	});
	it('defaults to Asia/Shanghai, every day 08:30–18:00 with lunch staffed', () => {
		const d = DEFAULT_BUSINESS_HOURS;
		expect(d.timeZone).toBe('Asia/Shanghai');
		expect(minutes(d, sh('2026-01-10T08:00'), sh('2026-01-10T19:00'))).toBe(570); // a Saturday
		expect(minutes(d, sh('2026-01-09T18:00'), sh('2026-01-10T08:30'))).toBe(0);
		expect(minutes(d, sh('2026-01-01T00:00'), sh('2026-03-02T00:00'))).toBe(60 * 570);
	});
});

describe('adding business time', () => {
	it('adds within an interval and carries over lunch', () => {
		expect(addBusinessMs(OFFICE, sh('2026-01-05T09:00'), 30 * MIN)).toEqual(sh('2026-01-05T09:30'));
		expect(addBusinessMs(OFFICE, sh('2026-01-05T11:30'), 60 * MIN)).toEqual(sh('2026-01-05T14:00'));
	});
	it('carries overnight and over a closed Sunday', () => {
		expect(addBusinessMs(OFFICE, sh('2026-01-10T11:00'), 120 * MIN)).toEqual(
			sh('2026-01-12T09:30')
		);
	});
	it('starts counting at the next opening when `from` is outside hours', () => {
		expect(addBusinessMs(OFFICE, sh('2026-01-05T07:00'), 30 * MIN)).toEqual(sh('2026-01-05T09:00'));
		expect(addBusinessMs(OFFICE, sh('2026-01-05T12:30'), 10 * MIN)).toEqual(sh('2026-01-05T13:40'));
		expect(addBusinessMs(OFFICE, sh('2026-01-11T10:00'), 30 * MIN)).toEqual(sh('2026-01-12T09:00'));
	});
	it('stays at the closing time when the time runs out exactly at closing', () => {
		expect(addBusinessMs(OFFICE, sh('2026-01-05T17:00'), 30 * MIN)).toEqual(sh('2026-01-05T17:30'));
		expect(addBusinessMs(OFFICE, sh('2026-01-05T11:00'), 60 * MIN)).toEqual(sh('2026-01-05T12:00'));
	});
	it('gives `from` itself for zero, even outside hours', () => {
		expect(addBusinessMs(OFFICE, sh('2026-01-11T10:00'), 0)).toEqual(sh('2026-01-11T10:00'));
	});
	it('skips holidays and works 调休 days', () => {
		const h = { ...OFFICE, holidays: ['2026-01-12'], workdays: ['2026-01-11'] };
		// Sat 11:00 + 2 h: Sat 60, then Sunday (worked) from 08:30.
		expect(addBusinessMs(h, sh('2026-01-10T11:00'), 120 * MIN)).toEqual(sh('2026-01-11T09:30'));
		expect(addBusinessMs(h, sh('2026-01-11T17:00'), 60 * MIN)).toEqual(sh('2026-01-13T09:00'));
	});
	it('refuses negative or non-finite time, invalid dates and hours that never open', () => {
		expect(() => addBusinessMs(OFFICE, sh('2026-01-05T09:00'), -1)).toThrow(RangeError);
		expect(() => addBusinessMs(OFFICE, sh('2026-01-05T09:00'), Infinity)).toThrow(RangeError);
		expect(() => addBusinessMs(OFFICE, new Date('nope'), 1)).toThrow(RangeError);
		const closed = every('Asia/Shanghai', []);
		expect(() => addBusinessMs(closed, sh('2026-01-05T09:00'), MIN)).toThrow(RangeError);
	});
});

describe('the SLA clock with holds', () => {
	const start = sh('2026-01-05T09:00');
	const p = (from: string, to: string | null) => ({ from: sh(from), to: to ? sh(to) : null });
	const elapsed = (now: string, pauses: ReturnType<typeof p>[] = []) =>
		slaElapsedMs(OFFICE, { start, now: sh(now), pauses }) / MIN;

	it('without pauses is the business time since start', () => {
		expect(elapsed('2026-01-05T14:00')).toBe(180 + 30);
		expect(elapsed('2026-01-05T08:00')).toBe(0);
	});
	it('leaves out business time on hold', () => {
		expect(elapsed('2026-01-05T14:00', [p('2026-01-05T10:00', '2026-01-05T11:00')])).toBe(150);
	});
	it('counts overlapping pauses once', () => {
		const pauses = [
			p('2026-01-05T10:00', '2026-01-05T11:00'),
			p('2026-01-05T10:30', '2026-01-05T11:30')
		];
		expect(elapsed('2026-01-05T14:00', pauses)).toBe(210 - 90);
	});
	it('takes nothing off for a pause outside hours', () => {
		expect(elapsed('2026-01-06T09:00', [p('2026-01-05T18:00', '2026-01-06T08:00')])).toBe(420 + 30);
	});
	it('runs an open pause until now', () => {
		expect(elapsed('2026-01-05T11:00', [p('2026-01-05T10:00', null)])).toBe(60);
		expect(elapsed('2026-01-06T11:00', [p('2026-01-05T10:00', null)])).toBe(60);
	});
	it('clips pauses to the span from start to now', () => {
		const pauses = [
			p('2026-01-05T08:00', '2026-01-05T09:30'),
			p('2026-01-05T10:45', '2026-01-05T12:00')
		];
		expect(elapsed('2026-01-05T11:00', pauses)).toBe(75);
	});

	const target = 120 * MIN;
	it('falls due after the target added from start when nothing is on hold', () => {
		const due = dueAt(OFFICE, { start, now: start, targetMs: target, pauses: [] });
		expect(due).toEqual(sh('2026-01-05T11:00'));
		expect(slaElapsedMs(OFFICE, { start, now: due!, pauses: [] })).toBe(target);
	});
	it('falls due later by the business time of finished holds', () => {
		const pauses = [p('2026-01-05T10:00', '2026-01-05T14:00')];
		const now = sh('2026-01-05T14:00');
		const due = dueAt(OFFICE, { start, now, targetMs: target, pauses });
		expect(due).toEqual(sh('2026-01-05T15:00'));
		expect(slaElapsedMs(OFFICE, { start, now: due!, pauses })).toBe(target);
	});
	it('has no due time while an open hold stops the clock', () => {
		const pauses = [p('2026-01-05T10:00', null)];
		expect(dueAt(OFFICE, { start, now: sh('2026-01-05T10:30'), targetMs: target, pauses })).toBe(
			null
		);
	});
	it('keeps the past due instant of an order that went overdue before its hold', () => {
		const pauses = [p('2026-01-05T13:40', null)];
		const due = dueAt(OFFICE, { start, now: sh('2026-01-05T15:00'), targetMs: target, pauses });
		expect(due).toEqual(sh('2026-01-05T11:00'));
	});
	it('ignores a hold that starts after now', () => {
		const pauses = [p('2026-01-05T10:30', null)];
		const due = dueAt(OFFICE, { start, now: sh('2026-01-05T10:00'), targetMs: target, pauses });
		expect(due).toEqual(sh('2026-01-05T11:00'));
	});
});

describe('SLA state', () => {
	const state = (elapsedMs: number, dueSoonRatio?: number) =>
		slaState({ elapsedMs, targetMs: 100, dueSoonRatio });
	it('is ok below 80% of the target, due soon from 80%, overdue from the target itself', () => {
		expect([0, 79, 80, 99, 100, 101].map((e) => state(e))).toEqual([
			'ok',
			'ok',
			'dueSoon',
			'dueSoon',
			'overdue',
			'overdue'
		]);
	});
	it('takes another due-soon ratio, and refuses one outside 0–1', () => {
		expect([49, 50].map((e) => state(e, 0.5))).toEqual(['ok', 'dueSoon']);
		expect(state(99, 1)).toBe('ok');
		expect(() => state(1, 1.5)).toThrow(RangeError);
	});
	it('tells the time left, negative once overdue', () => {
		expect(remainingMs({ elapsedMs: 30, targetMs: 100 })).toBe(70);
		expect(remainingMs({ elapsedMs: 130, targetMs: 100 })).toBe(-30);
	});
});

describe('schemas and defaults', () => {
	const withDay = (mon: OpenInterval[]) => ({ ...OFFICE, week: { ...OFFICE.week, mon } });
	it('accepts the defaults, split days and closing at 24:00', () => {
		expect(businessHoursSchema.parse(DEFAULT_BUSINESS_HOURS)).toEqual(DEFAULT_BUSINESS_HOURS);
		expect(businessHoursSchema.safeParse(OFFICE).success).toBe(true);
		expect(businessHoursSchema.safeParse(withDay([iv('22:00', '24:00')])).success).toBe(true);
	});
	it.each([
		['a time without two hour digits', withDay([iv('8:30', '12:00')])],
		['a time past 24:00', withDay([iv('08:30', '24:01')])],
		['a closing before the opening', withDay([iv('12:00', '08:30')])],
		['overlapping intervals', withDay([iv('08:30', '12:00'), iv('11:00', '13:00')])],
		['an unknown time zone', { ...OFFICE, timeZone: 'Mars/Olympus' }],
		[
			'a day both holiday and workday',
			{ ...OFFICE, holidays: ['2026-01-11'], workdays: ['2026-01-11'] }
		],
		['a malformed holiday', { ...OFFICE, holidays: ['2026-1-11'] }],
		['a week that never opens', every('Asia/Shanghai', [])]
	])('refuses %s', (_, hours) => {
		expect(businessHoursSchema.safeParse(hours).success).toBe(false);
	});
	it('has targets for every category that an admin can replace', () => {
		expect(slaTargetsSchema.parse(DEFAULT_SLA_TARGETS)).toEqual(DEFAULT_SLA_TARGETS);
		expect(slaTargetMs(DEFAULT_SLA_TARGETS, 'repair', 'response')).toBe(30 * MIN);
		expect(slaTargetMs(DEFAULT_SLA_TARGETS, 'complaint', 'resolution')).toBe(1440 * MIN);
		const { repair: _, ...missing } = DEFAULT_SLA_TARGETS;
		expect(slaTargetsSchema.safeParse(missing).success).toBe(false);
		const backwards = {
			...DEFAULT_SLA_TARGETS,
			pest: { responseMinutes: 60, resolutionMinutes: 30 }
		};
		expect(slaTargetsSchema.safeParse(backwards).success).toBe(false);
	});
});
