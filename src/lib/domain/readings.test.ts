import { describe, expect, it } from 'vitest';
import { parseCenti, parseReadings } from './readings';

const UNITS = new Set(['1-1-101', '1-1-102', '2-1-101']);

describe('metered readings', () => {
	it('reads one "unit quantity" per line into hundredths, skipping blank lines', () => {
		expect(parseReadings('1-1-101 12.5\n\n  1-1-102\t0.07  \r\n2-1-101 30', UNITS)).toEqual({
			ok: true,
			readings: { '1-1-101': 1250, '1-1-102': 7, '2-1-101': 3000 }
		});
		expect(parseReadings('', UNITS)).toEqual({ ok: true, readings: {} });
	});

	it('parses quantities as text: at most two decimals, no signs, commas or exponents', () => {
		expect(parseCenti('12.35')).toBe(1235);
		expect(parseCenti('0.1')).toBe(10);
		for (const bad of ['12.345', '-1', '1,000', '1e3', '.5', '5.', '', '１２']) {
			expect(parseCenti(bad), bad).toBeNull();
		}
	});

	it('names the line of the first bad one, counting blank lines', () => {
		expect(parseReadings('1-1-101 12.5\n\n1-1-102 12,5', UNITS)).toEqual({
			ok: false,
			key: 'error.readingLine',
			values: { line: 3, unit: '1-1-102' }
		});
		expect(parseReadings('1-1-101 12 5', UNITS)).toMatchObject({ key: 'error.readingLine' });
		expect(parseReadings('1-1-101', UNITS)).toMatchObject({ key: 'error.readingLine' });
	});

	it('refuses unknown units and a unit read twice', () => {
		expect(parseReadings('9-9-909 1', UNITS)).toEqual({
			ok: false,
			key: 'error.readingUnit',
			values: { line: 1, unit: '9-9-909' }
		});
		expect(parseReadings('constructor 1', UNITS)).toMatchObject({ key: 'error.readingUnit' });
		expect(parseReadings('1-1-101 1\n1-1-101 2', UNITS)).toEqual({
			ok: false,
			key: 'error.readingTwice',
			values: { line: 2, unit: '1-1-101' }
		});
	});
});
