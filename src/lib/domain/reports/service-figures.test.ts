import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGETS } from '../sla';
import type { WorkOrder } from '../work-order';
import { parsePeriod } from './period';
import { satisfactionFigures } from './satisfaction';
import { SiteTime } from './site-time';
import { workOrderFigures } from './work-orders';

/** Satisfaction and work orders on hand-made records, with the edges (docs/reports.md). */

const time = new SiteTime('Asia/Shanghai');
const NOV = parsePeriod('2026-11');
const staffName = (id: string) => ({ t1: '维修 刘师傅' })[id] ?? '';

function order(o: Partial<WorkOrder> & { at: string }): WorkOrder {
	return {
		id: `20261101-${Math.random()}`,
		number: '261101001',
		category: 'repair',
		source: 'kiosk',
		location: { kind: 'unit', unitId: '1-1-101' },
		chips: [],
		text: '',
		photos: [],
		residentId: null,
		phoneTail: null,
		status: 'submitted',
		technicianId: null,
		history: [],
		pauses: [],
		respondedAt: null,
		resolvedAt: null,
		closedAt: null,
		followUp: null,
		rating: null,
		lowScoreTask: null,
		rateToken: 'x',
		...o
	};
}
const rating = (score: number, at: string, extra: object = {}) => ({
	score,
	remarks: score <= 3 ? '太慢' : '',
	at,
	via: 'resident' as const,
	by: null,
	...extra
});

describe('satisfaction figures', () => {
	it('a period with no ratings has no rate ("—"), not 0% or 100%', () => {
		const f = satisfactionFigures({ period: NOV, time, orders: [], services: [], staffName });
		expect(f.rate).toBeNull();
		expect(f.met).toBeNull();
		expect(f.byChannel.kiosk.rate).toBeNull();
		expect(f.byMonth).toEqual([{ month: '2026-11', rated: 0, satisfied: 0, rate: null }]);
	});

	it('counts ratings by the time they were given in site time: 23:59 on 30 November is November', () => {
		const orders = [
			// 2026-11-30 23:59 in Shanghai is 15:59 UTC: November.
			order({
				at: '2026-10-20T02:00:00Z',
				rating: rating(5, '2026-11-30T15:59:00Z', { channel: 'phone' })
			}),
			// 2026-12-01 00:01 in Shanghai is still 30 November in UTC: December, not counted.
			order({ at: '2026-11-20T02:00:00Z', rating: rating(1, '2026-11-30T16:01:00Z') }),
			// A rating from before channels were recorded, and a follow-up call's low score.
			order({
				at: '2026-11-02T02:00:00Z',
				technicianId: 't1',
				rating: rating(4, '2026-11-03T02:00:00Z')
			}),
			order({
				at: '2026-11-02T02:00:00Z',
				category: 'complaint',
				technicianId: 't1',
				followUp: { ...rating(2, '2026-11-04T02:00:00Z'), via: 'followUp', by: 'dispatcher' },
				lowScoreTask: { openedAt: '2026-11-04T02:00:00Z', doneAt: null, by: null }
			})
		];
		const services = [
			{
				id: 's1',
				at: '2026-11-05T02:00:00Z',
				score: 5,
				remarks: '',
				source: 'receipt' as const,
				receiptNo: '2026-000001'
			},
			{
				id: 's2',
				at: '2026-11-05T03:00:00Z',
				score: 3,
				remarks: '排队久',
				source: 'kiosk' as const,
				receiptNo: '2026-000002'
			}
		];
		const f = satisfactionFigures({ period: NOV, time, orders, services, staffName });
		expect(f.rated).toBe(5);
		expect(f.satisfied).toBe(3);
		expect(f.rate).toBeCloseTo(0.6);
		expect(f.met).toBe(false);
		expect(f.byChannel.phone.rated).toBe(1);
		expect(f.byChannel.unknown.rated).toBe(1);
		expect(f.byChannel.followUp).toEqual({ rated: 1, satisfied: 0, rate: 0 });
		expect(f.byChannel.receipt.rated).toBe(1);
		expect(f.byChannel.kiosk.rated).toBe(1);
		expect(f.byCategory.complaint.rate).toBe(0);
		expect(f.byTechnician.find((x) => x.technician.id === 't1')).toMatchObject({
			technician: { name: '维修 刘师傅' },
			rated: 2,
			satisfied: 1
		});
		expect(f.low.map((l) => [l.kind, l.score, l.followedUp])).toEqual([
			['workOrder', 2, false],
			['service', 3, null]
		]);
	});
});

describe('work-order figures', () => {
	const base = { period: NOV, time, hours: DEFAULT_BUSINESS_HOURS, targets: DEFAULT_SLA_TARGETS };
	const now = Date.parse('2026-12-10T00:00:00Z');

	it('cancelled and rejected orders count in the volume but not in SLA compliance', () => {
		const f = workOrderFigures({
			...base,
			now,
			orders: [
				order({ at: '2026-11-02T02:00:00Z', status: 'cancelled' }),
				order({ at: '2026-11-02T02:00:00Z', status: 'rejected', source: 'phone' }),
				// 10:00 Shanghai, accepted 10:20: within the repair target of 30 business minutes.
				order({
					at: '2026-11-02T02:00:00Z',
					status: 'closed',
					respondedAt: '2026-11-02T02:20:00Z',
					resolvedAt: '2026-11-02T04:00:00Z',
					closedAt: '2026-11-02T05:00:00Z'
				})
			]
		});
		expect(f.created).toBe(3);
		expect(f.bySource).toEqual({ kiosk: 2, phone: 1, desk: 0 });
		expect([f.cancelled, f.rejected]).toEqual([1, 1]);
		expect(f.sla.responseMeasured).toBe(1);
		expect(f.sla.responseRate).toBe(1);
		expect(f.sla.responseTime.p50Ms).toBe(20 * 60_000);
	});

	it('resolution time is in business hours less the time on hold', () => {
		// Reported 17:00 Shanghai (09:00Z); open until 18:00, then from 08:30 the next day.
		// On hold 09:00–10:00 the next day. Resolved 11:30 the next day.
		const o = order({
			at: '2026-11-02T09:00:00Z',
			status: 'resolved',
			respondedAt: '2026-11-02T09:10:00Z',
			resolvedAt: '2026-11-03T03:30:00Z',
			pauses: [{ from: '2026-11-03T01:00:00Z', to: '2026-11-03T02:00:00Z' }]
		});
		const f = workOrderFigures({ ...base, now, orders: [o] });
		// 60 min (17:00–18:00) + 180 min (08:30–11:30) − 60 min on hold = 180 min.
		expect(f.sla.resolutionTime.p50Ms).toBe(180 * 60_000);
		expect(f.sla.resolutionRate).toBe(1);
	});

	it('an open order past its target counts as missed, and as overdue at the period end', () => {
		const o = order({
			at: '2026-11-28T02:00:00Z',
			status: 'inProgress',
			respondedAt: '2026-11-28T02:10:00Z'
		});
		const f = workOrderFigures({ ...base, now, orders: [o] });
		expect(f.sla.resolutionMeasured).toBe(1);
		expect(f.sla.resolutionMet).toBe(0);
		expect(f.sla.resolutionTime.count).toBe(0);
		expect(f.overdueAtEnd).toBe(1);
		expect(f.complaints.rate).toBeNull();
	});
});
