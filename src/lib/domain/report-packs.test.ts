import { describe, expect, it } from 'vitest';
import { packInputSchema, packKindOf, packPeriod } from './report-packs';

describe('a pack period', () => {
	it('is a quarter for the quality report and a month for the summary', () => {
		expect(packPeriod('quarterly', '2026-Q3')).toMatchObject({
			from: '2026-07-01',
			to: '2026-09-30'
		});
		expect(packPeriod('monthly', '2028-02')).toMatchObject({
			from: '2028-02-01',
			to: '2028-02-29'
		});
	});

	it('refuses a month for the quarterly pack, a quarter for the monthly one, and ranges, on the period field', () => {
		for (const [kind, period] of [
			['quarterly', '2026-07'],
			['monthly', '2026-Q3'],
			['monthly', '2026-07-01..2026-07-31'],
			['quarterly', 'next quarter']
		] as const) {
			expect(() => packPeriod(kind, period)).toThrow(
				expect.objectContaining({ key: 'error.reportPackPeriod', status: 400, field: 'period' })
			);
		}
	});

	it('offers the quality report for a quarter, the summary for a month, nothing for a range', () => {
		expect(packKindOf({ kind: 'quarter' })).toBe('quarterly');
		expect(packKindOf({ kind: 'month' })).toBe('monthly');
		expect(packKindOf({ kind: 'range' })).toBeNull();
	});
});

describe('what the manager sends', () => {
	it('refuses comments longer than two pages', () => {
		const r = packInputSchema.safeParse({
			kind: 'monthly',
			period: '2026-07',
			comments: 'x'.repeat(8001)
		});
		expect(r.error?.issues[0]?.message).toBe('error.reportCommentsTooLong');
	});
});
