import { describe, expect, it } from 'vitest';
import { median, quantile, rate } from './stats';

describe('stats', () => {
	it('has no rate when nothing was counted', () => {
		expect(rate(0, 0)).toBeNull();
		expect(rate(0, 4)).toBe(0);
		expect(rate(19, 20)).toBe(0.95);
	});

	it('takes quantiles by nearest rank, from observed values only', () => {
		expect(quantile([], 0.9)).toBeNull();
		expect(quantile([7], 0.9)).toBe(7);
		const tens = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
		expect(quantile(tens, 0.9)).toBe(9);
		expect(quantile(tens, 1)).toBe(10);
		expect(quantile(tens, 0)).toBe(1);
		expect(median(tens)).toBe(5);
		expect(median([3, 1, 2])).toBe(2);
	});

	it('does not reorder the caller’s values', () => {
		const values = [3, 1, 2];
		median(values);
		expect(values).toEqual([3, 1, 2]);
	});
});
