import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan, roundCentiFen, yuan } from './money';

describe('money', () => {
	it('formats fen as yuan with separators and the full-width sign', () => {
		expect(yuan(0)).toBe('0.00');
		expect(yuan(5)).toBe('0.05');
		expect(yuan(128050)).toBe('1,280.50');
		expect(yuan(123456789)).toBe('1,234,567.89');
		expect(formatFen(-250)).toBe('-￥2.50');
		expect(formatFen(100)).toBe('￥1.00');
	});

	it('parses typed yuan without floating point', () => {
		expect(parseYuan('12')).toBe(1200);
		expect(parseYuan('12.5')).toBe(1250);
		expect(parseYuan(' ￥1,280.05 ')).toBe(128005);
		expect(parseYuan('0.1')).toBe(10);
		// 0.29 * 100 is 28.999999999999996 in floating point
		expect(parseYuan('0.29')).toBe(29);
		expect(parseYuan('1.234')).toBeNull();
		expect(parseYuan('-1')).toBeNull();
		expect(parseYuan('abc')).toBeNull();
		expect(parseYuan('')).toBeNull();
	});

	it('rounds hundredths of a fen half up', () => {
		expect(roundCentiFen(12349)).toBe(123);
		expect(roundCentiFen(12350)).toBe(124);
		expect(roundCentiFen(0)).toBe(0);
		expect(() => roundCentiFen(-1)).toThrow();
	});
});
