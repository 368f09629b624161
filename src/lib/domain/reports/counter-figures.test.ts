import { describe, expect, it } from 'vitest';
import type { Booking } from '../booking';
import type { Bill, LedgerEntry } from '../fees';
import type { Ticket } from '../queue';
import { DEFAULT_BUSINESS_HOURS } from '../sla';
import { feeFigures, indexFees } from './fees';
import { parsePeriod } from './period';
import { queueFigures, ticketFact } from './queue';
import { roomFigures } from './rooms';
import { SiteTime } from './site-time';

/** Fees, queue and meeting rooms on hand-made records, with the edges (docs/reports.md). */

const time = new SiteTime('Asia/Shanghai');
const NOV = parsePeriod('2026-11');

const bill = (id: string, period: string, amountFen: number, unitId = '1-1-101'): Bill => ({
	id,
	at: `${period}-01T00:00:00Z`,
	unitId,
	period,
	standardId: 'property',
	name: '物业服务费',
	kind: 'fixed',
	quantityCenti: 100,
	unitPriceFen: amountFen,
	amountFen,
	dueDate: `${period}-28`,
	runId: 'r'
});
const entry = (e: Partial<LedgerEntry> & { id: string; day: string }): LedgerEntry => ({
	at: `${e.day}T02:00:00Z`,
	kind: 'payment',
	unitId: '1-1-101',
	method: 'cash',
	amountFen: 0,
	allocations: [],
	tenderedFen: null,
	changeFen: null,
	receiptYear: 2026,
	receiptSeq: 1,
	cashierId: 'c',
	cashierName: 'c',
	intentId: null,
	provider: null,
	providerTxnId: null,
	voidOf: null,
	reason: null,
	ticketId: null,
	receiptToken: null,
	...e
});

describe('fee figures', () => {
	const bills = [
		bill('20261101-a', '2026-11', 10000),
		bill('20261101-b', '2026-11', 5000, '2-1-101'),
		bill('20260601-c', '2026-06', 3000)
	];
	const ledger = [
		entry({
			id: '20261105-p1',
			day: '2026-11-05',
			amountFen: 10000,
			allocations: [{ billId: '20261101-a', amountFen: 10000 }]
		}),
		entry({
			id: '20261106-p2',
			day: '2026-11-06',
			method: 'qr',
			amountFen: 5000,
			allocations: [{ billId: '20261101-b', amountFen: 5000 }]
		}),
		// The QR payment is refunded in November; the June bill is paid only in December.
		entry({
			id: '20261120-r2',
			day: '2026-11-20',
			kind: 'refund',
			method: 'qr',
			amountFen: 5000,
			voidOf: '20261106-p2'
		}),
		entry({
			id: '20261203-p3',
			day: '2026-12-03',
			amountFen: 3000,
			allocations: [{ billId: '20260601-c', amountFen: 3000 }]
		})
	];
	const f = feeFigures({
		period: NOV,
		index: indexFees(bills, ledger),
		buildingOf: (u) => u.split('-')[0]!,
		buildingName: (b) => `${b}栋`,
		itemNameEn: () => 'Property fee',
		today: '2026-12-10'
	});

	it('refunded payments are taken off what was paid; collected is the ledger net of the days', () => {
		expect(f.billing).toEqual({ billedFen: 15000, paidFen: 10000, rate: 10000 / 15000 });
		expect(f.byBuilding.map((b) => [b.name, b.rate])).toEqual([
			['1栋', 1],
			['2栋', 0]
		]);
		expect(f.payments).toEqual({ count: 2, amountFen: 15000 });
		expect(f.refunds).toEqual({ count: 1, amountFen: 5000 });
		expect(f.voids).toEqual({ count: 0, amountFen: 0 });
		expect(f.collectedFen).toBe(10000);
		expect(f.methods.qr).toEqual({ count: 1, amountFen: 5000 });
	});

	it('arrears at the period end age each bill by its month; a payment after the end does not count', () => {
		expect(f.arrears.day).toBe('2026-11-30');
		expect(f.arrears.totalFen).toBe(8000);
		expect(f.arrears.buckets).toEqual({ current: 5000, m1to3: 0, m4to12: 3000, over12: 0 });
		expect(f.arrears.unitsOwing).toBe(2);
	});

	it('nothing billed: the collection rate is "—"', () => {
		const empty = feeFigures({
			period: NOV,
			index: indexFees([], []),
			buildingOf: () => '',
			buildingName: () => '',
			itemNameEn: () => undefined,
			today: '2026-12-10'
		});
		expect(empty.billing.rate).toBeNull();
	});
});

const ticket = (t: Partial<Ticket> & { at: string }): Ticket => ({
	id: 'x',
	day: '2026-11-30',
	service: 'fees',
	number: 1,
	label: 'A001',
	status: 'done',
	queuedAt: t.at,
	counterId: 'counter-1',
	calledAt: null,
	calledBy: null,
	recalls: 0,
	finishedAt: null,
	unitId: null,
	transferredFrom: null,
	links: [],
	...t
});

describe('queue figures', () => {
	it('a ticket taken at 23:59 site time counts in that hour; waits and service times by nearest rank', () => {
		const tickets = [
			// Monday 2026-11-30 23:59 in Shanghai.
			ticket({
				at: '2026-11-30T15:59:00Z',
				calledAt: '2026-11-30T15:59:30Z',
				finishedAt: '2026-11-30T15:59:50Z',
				calledBy: 's1'
			}),
			ticket({
				at: '2026-11-30T02:00:00Z',
				calledAt: '2026-11-30T02:10:00Z',
				finishedAt: '2026-11-30T02:15:00Z'
			}),
			ticket({
				at: '2026-11-30T02:00:00Z',
				status: 'skipped',
				calledAt: '2026-11-30T02:20:00Z',
				finishedAt: '2026-11-30T02:21:00Z'
			}),
			ticket({
				at: '2026-11-30T03:00:00Z',
				status: 'waiting',
				service: 'consult',
				transferredFrom: 'fees'
			})
		].map(ticketFact);
		const counters = [{ id: 'counter-1', number: 1, name: '1号窗口', nameEn: 'Counter 1' }];
		const q = queueFigures({ time, tickets, counters, staffName: () => '前台 王芳' });
		expect(q.heatmap[0]![23]).toBe(1);
		expect(q.heatmap[0]![10]).toBe(2);
		expect([q.tickets, q.done, q.skipped, q.transferred, q.uncalled]).toEqual([4, 2, 1, 1, 1]);
		expect(q.waitP50Ms).toBe(10 * 60_000);
		expect(q.waitP90Ms).toBe(20 * 60_000);
		expect(q.serviceP50Ms).toBe(20_000);
		expect(q.byStaff.map((s) => [s.staff.id, s.tickets])).toEqual([
			[null, 2],
			['s1', 1]
		]);
		expect(q.byCounter[0]).toMatchObject({ number: 1, nameEn: 'Counter 1', called: 3 });
		expect(q.byService.find((s) => s.service === 'consult')!.waitP50Ms).toBeNull();
	});
});

describe('meeting-room figures', () => {
	const booking = (b: Partial<Booking>): Booking =>
		({
			id: 'b',
			roomId: 'room-1',
			start: '2026-11-02T02:00:00Z',
			end: '2026-11-02T04:00:00Z',
			status: 'ended',
			checkedIn: 3,
			startedAt: null,
			endedAt: null,
			avCheck: { status: 'passed', items: [], note: '', by: null, at: null, workOrderId: null },
			feedback: [],
			...b
		}) as Booking;

	it('used hours run to an early end; no-shows and cancellations use nothing', () => {
		const r = roomFigures({
			period: NOV,
			time,
			now: Date.parse('2026-12-10T00:00:00Z'),
			hours: DEFAULT_BUSINESS_HOURS,
			rooms: [{ id: 'room-1', name: '一号会议室', nameEn: 'Meeting Room 1' }],
			bookings: [
				booking({
					endedAt: '2026-11-02T03:30:00Z',
					feedback: [{ score: 5, remarks: '', at: 'x' }]
				}),
				booking({
					status: 'released',
					checkedIn: 0,
					avCheck: { status: 'failed', items: [], note: '', by: null, at: null, workOrderId: null }
				}),
				booking({ status: 'cancelled' })
			]
		});
		const room = r.rooms[0]!;
		expect(room.bookings).toBe(2);
		expect(room.cancelled).toBe(1);
		expect(room.noShows).toBe(1);
		expect(room.bookedMs).toBe(4 * 3_600_000);
		expect(room.usedMs).toBe(90 * 60_000);
		// November: 30 days × 9.5 h of opening hours.
		expect(room.openMs).toBe(30 * 9.5 * 3_600_000);
		expect(room.avFailures).toBe(1);
		expect(room.feedback).toEqual({ count: 1, average: 5, satisfied: 1 });
	});
});
