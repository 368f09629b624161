import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, localToInstant, weekStart } from './local-time';

describe('site wall-clock time to instants', () => {
	it('14:00 in Shanghai is 06:00 UTC the same day', () => {
		expect(localToInstant('2026-03-10', '14:00', 'Asia/Shanghai')).toBe('2026-03-10T06:00:00.000Z');
	});
	it('an early-morning time in Shanghai falls on the previous UTC day', () => {
		expect(localToInstant('2026-03-10', '07:30', 'Asia/Shanghai')).toBe('2026-03-09T23:30:00.000Z');
	});
	it('follows daylight saving where the site has it', () => {
		expect(localToInstant('2026-01-15', '09:00', 'Europe/Berlin')).toBe('2026-01-15T08:00:00.000Z');
		expect(localToInstant('2026-07-15', '09:00', 'Europe/Berlin')).toBe('2026-07-15T07:00:00.000Z');
		// 02:30 does not happen on the spring-forward night: it becomes 03:30 (CEST).
		expect(localToInstant('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
	});
	it('refuses malformed or impossible days and times', () => {
		expect(localToInstant('2026-02-30', '10:00', 'Asia/Shanghai')).toBeNull();
		expect(localToInstant('2026-3-1', '10:00', 'Asia/Shanghai')).toBeNull();
		expect(localToInstant('2026-03-01', '24:00', 'Asia/Shanghai')).toBeNull();
		expect(localToInstant('2026-03-01', '9:00', 'Asia/Shanghai')).toBeNull();
		expect(localToInstant('', '', 'Asia/Shanghai')).toBeNull();
		expect(dayNumber('2026-02-29')).toBeNull();
		expect(dayNumber('2028-02-29')).not.toBeNull();
	});
});

describe('calendar days', () => {
	it('moves across months and years', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
		expect(addDays('2026-03-10', 7)).toBe('2026-03-17');
	});
	it('weeks start on Monday', () => {
		expect(weekStart('2026-03-09')).toBe('2026-03-09'); // a Monday
		expect(weekStart('2026-03-15')).toBe('2026-03-09'); // the Sunday after
		expect(weekStart('2026-03-11')).toBe('2026-03-09');
		expect(weekStart('2026-01-01')).toBe('2025-12-29');
	});
});
