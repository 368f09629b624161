import { describe, expect, it } from 'vitest';
import { isFoyerError } from '../errors';
import { MAX_RANGE_DAYS, parsePeriod, previousPeriod } from './period';

const refused = (input: unknown) => {
	try {
		parsePeriod(input);
	} catch (e) {
		return isFoyerError(e) ? e.key : String(e);
	}
	return null;
};

describe('report periods', () => {
	it('a month runs from its first to its last day, February of a leap year included', () => {
		expect(parsePeriod('2028-02')).toMatchObject({
			kind: 'month',
			from: '2028-02-01',
			to: '2028-02-29',
			days: 29,
			months: ['2028-02']
		});
	});

	it('a quarter is three whole months; Q4 ends on 31 December', () => {
		expect(parsePeriod('2026-Q4')).toMatchObject({
			kind: 'quarter',
			key: '2026-Q4',
			from: '2026-10-01',
			to: '2026-12-31',
			days: 92,
			months: ['2026-10', '2026-11', '2026-12']
		});
	});

	it('a range is inclusive at both ends and lists the months it touches', () => {
		expect(parsePeriod('2026-10-25..2026-11-03')).toMatchObject({
			kind: 'range',
			days: 10,
			months: ['2026-10', '2026-11']
		});
		expect(parsePeriod('2026-11-03..2026-11-03').days).toBe(1);
	});

	it('compares with the previous month, the previous quarter, or as many days just before', () => {
		expect(previousPeriod(parsePeriod('2026-01')).key).toBe('2025-12');
		expect(previousPeriod(parsePeriod('2026-03')).to).toBe('2026-02-28');
		expect(previousPeriod(parsePeriod('2026-Q1')).key).toBe('2025-Q4');
		expect(previousPeriod(parsePeriod('2026-Q3')).key).toBe('2026-Q2');
		expect(previousPeriod(parsePeriod('2026-03-01..2026-03-10'))).toMatchObject({
			from: '2026-02-19',
			to: '2026-02-28',
			days: 10
		});
	});

	it('refuses what is not a period with a translated error, never a crash', () => {
		for (const bad of [
			null,
			42,
			'',
			'2026-13',
			'2026-Q5',
			'2026-02-30..2026-03-01',
			'2026-1-1..2026-1-2',
			'2026-01-01..',
			'2026-01-01..2026-01-02..2026-01-03'
		])
			expect(refused(bad)).toBe('error.reportPeriod');
	});

	it('refuses a range that ends before it starts, or one longer than three years', () => {
		expect(refused('2026-11-02..2026-11-01')).toBe('error.reportPeriodOrder');
		expect(refused('2020-01-01..2026-01-01')).toBe('error.reportPeriodTooLong');
		expect(MAX_RANGE_DAYS).toBeGreaterThanOrEqual(3 * 365);
	});
});
