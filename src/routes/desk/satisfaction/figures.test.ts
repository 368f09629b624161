import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGETS } from '$lib/domain/sla';
import type { WorkOrder } from '$lib/domain/work-order';
import { monthOf, percent, shiftMonth, slaCompliance } from './figures';

describe('monthly figures', () => {
	it('reads the month from the address, else this month', () => {
		expect(monthOf('2026-10', '2026-11')).toBe('2026-10');
		expect(monthOf('2026-13', '2026-11')).toBe('2026-11');
		expect(monthOf(null, '2026-11')).toBe('2026-11');
	});

	it('steps across years', () => {
		expect(shiftMonth('2026-01', -1)).toBe('2025-12');
		expect(shiftMonth('2025-12', 1)).toBe('2026-01');
	});

	it('never rounds a missed target up to it', () => {
		expect(percent(0.9499)).toBe('94.9%');
		expect(percent(19 / 20)).toBe('95.0%');
		expect(percent(1)).toBe('100.0%');
	});

	it('counts orders resolved in the month, in the site’s time zone, within or over target', () => {
		// Repairs: 8 business hours to resolve; the site is open 08:30–18:00 every day.
		const order = (at: string, resolvedAt: string | null) =>
			({
				at,
				category: 'repair',
				status: resolvedAt ? 'resolved' : 'inProgress',
				respondedAt: at,
				resolvedAt,
				pauses: []
			}) as unknown as WorkOrder;
		const orders = [
			order('2026-10-31T01:00:00Z', '2026-10-31T03:00:00Z'), // Oct, 2 h: within
			order('2026-11-02T01:00:00Z', '2026-11-02T03:00:00Z'), // Nov, 2 h: within
			order('2026-11-02T01:00:00Z', '2026-11-04T03:00:00Z'), // Nov, ~21 h: over
			// 00:30 on 1 Dec in Shanghai is still 30 Nov in UTC: counts for December.
			order('2026-11-30T02:00:00Z', '2026-11-30T16:30:00Z'),
			order('2026-11-03T01:00:00Z', null)
		];
		const sla = {
			hours: DEFAULT_BUSINESS_HOURS,
			targets: DEFAULT_SLA_TARGETS,
			now: new Date('2026-12-05T00:00:00Z'),
			timeZone: 'Asia/Shanghai'
		};
		expect(slaCompliance(orders, '2026-11', sla)).toEqual({
			resolved: 2,
			within: 1,
			overdue: 1,
			rate: 0.5
		});
		expect(slaCompliance(orders, '2026-12', sla).resolved).toBe(1);
		expect(slaCompliance([], '2026-11', sla).rate).toBeNull();
	});
});
