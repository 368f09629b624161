import { describe, expect, it } from 'vitest';
import { darkCell, fitLabel, heatColour, labelWidth, ticks } from './geometry';

describe('labels', () => {
	it('gives a Chinese label a full em per character and a Latin one a little over half', () => {
		expect(labelWidth('给排水', 14)).toBe(42);
		expect(labelWidth('Plumbing', 10)).toBe(48);
		expect(labelWidth('1号楼', 10)).toBe(26);
	});

	it('keeps a label that fits and shortens one that does not, with an ellipsis, within the width', () => {
		expect(fitLabel('电梯', 14, 100)).toBe('电梯');
		const cut = fitLabel('Common areas and landscaping', 12, 80);
		expect(cut.endsWith('…')).toBe(true);
		expect(labelWidth(cut, 12)).toBeLessThanOrEqual(80);
	});
});

describe('ticks', () => {
	it('divides a rate axis into fifths', () => {
		expect(ticks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
	});

	it('uses round steps that reach past the largest value', () => {
		expect(ticks(37)).toEqual([0, 10, 20, 30, 40]);
		expect(ticks(1234, 4)).toEqual([0, 500, 1000, 1500]);
	});

	it('steps a count axis by whole numbers, never 0.5', () => {
		expect(ticks(2, 4, true)).toEqual([0, 1, 2]);
		expect(ticks(37, 4, true)).toEqual([0, 10, 20, 30, 40]);
	});

	it('draws an empty axis from 0 to 1 when there is nothing to show', () => {
		expect(ticks(0)).toEqual([0, 1]);
	});
});

describe('heat map', () => {
	it('leaves an empty hour the lightest and gives the busiest hour the darkest fill, with white text', () => {
		expect(heatColour(0, 40)).toBe('#f1f5fb');
		expect(heatColour(40, 40)).toBe('#08519c');
		expect(darkCell(heatColour(40, 40))).toBe(true);
		expect(darkCell(heatColour(1, 40))).toBe(false);
	});

	it('gets darker as the hour gets busier', () => {
		const order = ['#f1f5fb', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
		let last = -1;
		for (let v = 1; v <= 40; v++) {
			const i = order.indexOf(heatColour(v, 40));
			expect(i).toBeGreaterThanOrEqual(last);
			last = i;
		}
	});
});
