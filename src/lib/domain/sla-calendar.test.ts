import { describe, expect, it } from 'vitest';
import {
	addBusinessMs,
	businessMinutesBetween,
	businessMsBetween,
	DEFAULT_BUSINESS_HOURS,
	type BusinessHours,
	type OpenInterval
} from './sla';
import { dayStart, merge, offsetMs, wallToInstant } from './sla-calendar';

const MIN = 60_000;
const HOUR = 60 * MIN;
const utc = (s: string): number => Date.parse(`${s}Z`);
const minutes = (h: BusinessHours, from: Date, to: Date): number =>
	businessMinutesBetween(h, from, to);
const iv = (open: string, close: string): OpenInterval => ({ open, close });
const every = (
	tz: string,
	day: OpenInterval[],
	extra: Partial<BusinessHours> = {}
): BusinessHours => ({
	timeZone: tz,
	week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
	holidays: [],
	workdays: [],
	workdayTemplate: day,
	...extra
});

describe('wall clocks in a time zone', () => {
	it('reads the offset of an instant, seconds included', () => {
		expect(offsetMs('Asia/Shanghai', utc('2026-07-01T00:00'))).toBe(8 * HOUR);
		expect(offsetMs('Europe/Berlin', utc('2026-01-15T12:00:00.750'))).toBe(HOUR);
		expect(offsetMs('Europe/Berlin', utc('2026-07-15T12:00'))).toBe(2 * HOUR);
		// Shanghai kept local mean time, +08:05:43, until 1901.
		expect(offsetMs('Asia/Shanghai', utc('1900-01-01T00:00'))).toBe(8 * HOUR + 343_000);
	});
	it('moves a skipped wall time forward by the gap and takes the earlier of a repeated one', () => {
		expect(wallToInstant('Europe/Berlin', utc('2026-03-29T02:30'))).toBe(utc('2026-03-29T01:30'));
		expect(wallToInstant('Europe/Berlin', utc('2026-10-25T02:30'))).toBe(utc('2026-10-25T00:30'));
		expect(wallToInstant('Europe/Berlin', utc('2026-10-25T03:30'))).toBe(utc('2026-10-25T02:30'));
	});
	it('knows when each local day begins, 23 and 25 hour days included', () => {
		const day = (d: string) => utc(`${d}T00:00`) / (24 * HOUR);
		const length = (d: string) =>
			(dayStart('Europe/Berlin', day(d) + 1) - dayStart('Europe/Berlin', day(d))) / HOUR;
		expect([length('2026-03-28'), length('2026-03-29'), length('2026-10-25')]).toEqual([
			24, 23, 25
		]);
		expect(dayStart('Asia/Shanghai', day('2026-01-05'))).toBe(utc('2026-01-04T16:00'));
	});
	it('merges overlapping and touching spans and drops empty ones', () => {
		expect(
			merge([
				[5, 9],
				[1, 3],
				[3, 4],
				[8, 12],
				[7, 7]
			])
		).toEqual([
			[1, 4],
			[5, 12]
		]);
	});
	it('reads wall clocks in other fixed zones without assuming UTC+8', () => {
		const kolkata = every('Asia/Kolkata', [iv('09:00', '17:00')]);
		// 09:00 IST is 03:30 UTC.
		expect(minutes(kolkata, new Date('2026-01-05T03:00Z'), new Date('2026-01-05T04:30Z'))).toBe(60);
	});
});

describe('business time in a zone with daylight saving (Europe/Berlin)', () => {
	const berlin = every('Europe/Berlin', [iv('08:00', '17:00')]);
	it('opens at 08:00 summer time on the morning clocks go forward (29 March 2026)', () => {
		// Sat 16:00 CET = 15:00Z; Sun 09:00 CEST = 07:00Z: one hour each side of the night.
		const from = new Date('2026-03-28T15:00Z');
		expect(minutes(berlin, from, new Date('2026-03-29T07:00Z'))).toBe(120);
		expect(addBusinessMs(berlin, new Date('2026-03-28T15:30Z'), 60 * MIN)).toEqual(
			new Date('2026-03-29T06:30Z')
		);
	});
	it('counts real time on 23- and 25-hour days open around the clock', () => {
		const always = every('Europe/Berlin', [iv('00:00', '24:00')]);
		expect(minutes(always, new Date('2026-03-28T23:00Z'), new Date('2026-03-29T22:00Z'))).toBe(
			23 * 60
		);
		expect(minutes(always, new Date('2026-10-24T22:00Z'), new Date('2026-10-25T23:00Z'))).toBe(
			25 * 60
		);
	});
	it('moves opening hours that fall in the skipped hour to after the gap', () => {
		// 01:00–04:00 on the spring-forward night is 01:00 CET → 04:00 CEST: two real hours.
		const night = every('Europe/Berlin', [iv('01:00', '04:00')]);
		expect(minutes(night, new Date('2026-03-28T12:00Z'), new Date('2026-03-29T12:00Z'))).toBe(120);
		const gap = every('Europe/Berlin', [iv('02:30', '05:00')]);
		// 02:30 does not exist: the day opens at 03:30 CEST (01:30Z).
		expect(addBusinessMs(gap, new Date('2026-03-28T12:00Z'), MIN)).toEqual(
			new Date('2026-03-29T01:31Z')
		);
	});
});

describe('adding business time across zones', () => {
	it('is undone by businessMsBetween, across zones, holidays and DST', () => {
		const calendars = [
			every('Asia/Shanghai', [iv('08:30', '12:00'), iv('13:30', '17:30')], {
				holidays: ['2026-03-30', '2026-04-01'],
				workdays: ['2026-03-29']
			}),
			every('Europe/Berlin', [iv('07:00', '12:00'), iv('13:00', '19:30')]),
			every('America/New_York', [iv('00:00', '02:30'), iv('08:00', '24:00')])
		];
		let seed = 7;
		const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (const h of calendars) {
			for (let i = 0; i < 200; i++) {
				const from = new Date(Date.UTC(2026, 2, 1) + rand() * 70 * 86_400_000);
				const ms = Math.round(rand() * 20 * 24 * 60) * MIN;
				const to = addBusinessMs(h, from, ms);
				expect(businessMsBetween(h, from, to)).toBe(ms);
				// The earliest such instant: a millisecond before, the time has not yet passed.
				if (ms > 0) expect(businessMsBetween(h, from, new Date(to.getTime() - 1))).toBe(ms - 1);
			}
		}
	});
});

describe('performance', () => {
	it('walks a 60-day span by the day, not the minute (well under 1 ms a call)', () => {
		const berlin = every('Europe/Berlin', [iv('08:30', '12:00'), iv('13:30', '18:00')]);
		for (const h of [DEFAULT_BUSINESS_HOURS, berlin]) {
			const from = new Date('2026-02-01T00:00Z');
			const to = new Date('2026-04-02T00:00Z');
			// CPU time, not the wall clock: on a machine shared by several test runs the wall clock
			// also counts the time this process waited for a core, which says nothing of the walk.
			const t0 = process.cpuUsage();
			for (let i = 0; i < 100; i++) businessMsBetween(h, new Date(from.getTime() + i * MIN), to);
			const { user, system } = process.cpuUsage(t0);
			expect((user + system) / 1000 / 100).toBeLessThan(1);
		}
	});
});
