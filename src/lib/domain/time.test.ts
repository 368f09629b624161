import { describe, expect, it } from 'vitest';
import { dateTime, dayKey } from './time';

describe('site time', () => {
	it('gives the day and time of an instant in the site’s zone, across its midnight', () => {
		expect(dateTime(new Date('2026-11-26T15:59:00Z'))).toBe('2026-11-26 23:59');
		expect(dateTime(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27 00:00');
		expect(dayKey(new Date('2026-11-26T16:00:00Z'), 'Europe/Berlin')).toBe('2026-11-26');
	});
});
