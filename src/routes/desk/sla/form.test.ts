import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_TARGETS, businessHoursSchema, slaTargetsSchema } from '$lib/domain/sla';
import {
	intervalsText,
	parseDates,
	parseIntervals,
	parseTarget,
	readSlaForm,
	targetField
} from './form';

/** The form as the page fills it in from the defaults, with some fields changed. */
function fields(changes: Record<string, string> = {}): (name: string) => string {
	const f: Record<string, string> = {
		'week.mon': '08:30-12:00, 13:30-17:30',
		'week.sat': '',
		'week.sun': '',
		workdayTemplate: '08:30-17:30',
		holidays: '2026-10-01\n2026-10-02\n',
		workdays: '2026-10-10'
	};
	for (const d of ['tue', 'wed', 'thu', 'fri']) f[`week.${d}`] = '08:30-17:30';
	for (const [c, t] of Object.entries(DEFAULT_SLA_TARGETS)) {
		f[`${c}.response`] = String(t.responseMinutes);
		f[`${c}.responseUnit`] = 'minutes';
		f[`${c}.resolution`] = String(t.resolutionMinutes);
		f[`${c}.resolutionUnit`] = 'minutes';
	}
	Object.assign(f, changes);
	return (name) => f[name] ?? '';
}

describe('the SLA settings form', () => {
	it('reads a day as one or more intervals, however they are separated', () => {
		expect(parseIntervals('08:30-12:00, 13:30-17:30')).toEqual([
			{ open: '08:30', close: '12:00' },
			{ open: '13:30', close: '17:30' }
		]);
		expect(parseIntervals('8:30 ~ 12:00；13：30至17:30')).toEqual([
			{ open: '08:30', close: '12:00' },
			{ open: '13:30', close: '17:30' }
		]);
		expect(parseIntervals('  ')).toEqual([]);
		expect(parseIntervals('08:30')).toBeNull();
		expect(intervalsText([{ open: '08:30', close: '12:00' }])).toBe('08:30-12:00');
	});

	it('reads dates one per line and targets in minutes or hours', () => {
		expect(parseDates('2026-10-01\r\n\n 2026-10-02 ')).toEqual(['2026-10-01', '2026-10-02']);
		expect(parseTarget('30', 'minutes')).toBe(30);
		expect(parseTarget('1.5', 'hours')).toBe(90);
		for (const bad of ['0', '-5', '2.5', 'abc', '']) expect(parseTarget(bad, 'minutes')).toBeNull();
		expect(targetField(480)).toEqual({ amount: '8', unit: 'hours' });
		expect(targetField(90)).toEqual({ amount: '90', unit: 'minutes' });
	});

	it('gives the domain schemas a value they accept', () => {
		const { value, issues } = readSlaForm(fields(), 'Asia/Shanghai');
		expect(issues).toEqual([]);
		expect(businessHoursSchema.parse(value.hours).week.mon).toHaveLength(2);
		expect(slaTargetsSchema.parse(value.targets)).toEqual(DEFAULT_SLA_TARGETS);
	});

	it('names the field of every piece it cannot read, by the schema’s path', () => {
		const { issues } = readSlaForm(
			fields({ 'week.tue': '08:30', 'repair.resolution': '2.5' }),
			'Asia/Shanghai'
		);
		expect(issues).toEqual([
			{ path: ['hours', 'week', 'tue'], message: 'error.intervalFormat' },
			{ path: ['targets', 'repair', 'resolutionMinutes'], message: 'error.slaTarget' }
		]);
	});
});
