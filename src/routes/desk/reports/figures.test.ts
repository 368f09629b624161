import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { change, duration, pct, show, verdict } from './figures';

const zh = translator('zh-CN');
const en = translator('en');

describe('figures on the reports page', () => {
	it('writes a rate with one decimal, and "—" when nothing was counted (never 0% or 100%)', () => {
		expect(pct(0.95238)).toBe('95.2%');
		expect(pct(1)).toBe('100.0%');
		expect(pct(null)).toBe('—');
		expect(show(null, 'rate', zh)).toBe('—');
	});

	it('writes times in minutes under two hours, in hours above', () => {
		expect(duration(35 * 60_000, zh)).toBe('35 分钟');
		expect(duration(35 * 60_000, en)).toBe('35 min');
		expect(duration(150 * 60_000, en)).toBe('2.5 h');
		expect(duration(null, en)).toBe('—');
	});

	it('gives the change of a rate in percentage points and of money in yuan, signed', () => {
		expect(change(0.96, 0.94, 'rate', en)).toBe('+2.0 pt');
		expect(change(0.9, 0.95, 'rate', zh)).toBe('−5.0 个百分点');
		expect(change(100_00, 150_00, 'fen', en)).toBe('−￥50.00');
		expect(change(12, 12, 'count', en)).toBe('±0');
		expect(change(null, 0.9, 'rate', en)).toBe('—');
		expect(change(6.2 * 60_000, 5.8 * 60_000, 'ms', en)).toBe('±0 min');
	});

	it('judges a rate against its target only when something was counted', () => {
		expect(verdict({ now: 0.95, target: 0.95 })).toBe(true);
		expect(verdict({ now: 0.949, target: 0.95 })).toBe(false);
		expect(verdict({ now: null, target: 0.95 })).toBeNull();
		expect(verdict({ now: 0.5 })).toBeNull();
	});
});
