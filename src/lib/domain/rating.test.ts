import { describe, expect, it } from 'vitest';
import { ratingInputSchema, scoreField, scoreSchema } from './rating';

describe('a score', () => {
	it('is a whole number 1–5', () => {
		for (const ok of [1, 3, 5]) expect(scoreSchema.parse(ok)).toBe(ok);
		for (const bad of [0, 6, 4.5, Number.NaN])
			expect(scoreSchema.safeParse(bad).success).toBe(false);
	});
	it('from a form may come as digits, but never as a boolean, an array or nothing', () => {
		expect(scoreField.parse('4')).toBe(4);
		expect(scoreField.parse(2)).toBe(2);
		for (const bad of [true, false, [3], null, '', 'abc', '7']) {
			const r = scoreField.safeParse(bad);
			expect(r.success).toBe(false);
			expect(r.error?.issues[0]?.message).toBe('error.score');
		}
	});
	it('comes with a trimmed remark, empty by default', () => {
		expect(ratingInputSchema.parse({ score: '5' })).toEqual({ score: 5, remarks: '' });
		expect(ratingInputSchema.parse({ score: 1, remarks: ' 太慢 ' }).remarks).toBe('太慢');
	});
});
