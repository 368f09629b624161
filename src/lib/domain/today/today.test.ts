import { describe, expect, it } from 'vitest';
import { summarize } from '../daily-close';
import { receiptNumber, type LedgerEntry } from '../fees';
import type { Ticket } from '../queue';
import type { PublicMeeting, PublicRoom, PublicRoomsBoard } from '../rooms-board';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGETS } from '../sla';
import type { WorkOrder } from '../work-order';
import { todayOverview, type TodayRecords } from './index';

// 09:30 on Thursday 26 November 2026 in Shanghai (business hours 08:30–18:00 every day).
const now = new Date('2026-11-26T01:30:00Z');
const today = '2026-11-26';
const min = 60_000;
const ago = (minutes: number) => new Date(now.getTime() - minutes * min).toISOString();

function records(over: Partial<TodayRecords> = {}): TodayRecords {
	return {
		now,
		timeZone: 'Asia/Shanghai',
		tickets: [],
		workOrders: [],
		hours: DEFAULT_BUSINESS_HOURS,
		targets: DEFAULT_SLA_TARGETS,
		entries: [],
		bills: [],
		rooms: { rooms: [] },
		devices: [],
		printers: [],
		...over
	};
}

let seq = 0;
function ticket(over: Partial<Ticket>): Ticket {
	seq++;
	return {
		id: `t${seq}`,
		at: ago(60),
		day: today,
		service: 'fees',
		number: seq,
		label: `A${seq}`,
		status: 'waiting',
		queuedAt: ago(60),
		counterId: null,
		calledAt: null,
		recalls: 0,
		finishedAt: null,
		unitId: null,
		transferredFrom: null,
		calledBy: null,
		links: [],
		...over
	};
}

/** A served ticket: queued, waited `wait` minutes, served for `service` minutes. */
function served(queuedMinAgo: number, wait: number, service: number): Ticket {
	return ticket({
		status: 'done',
		queuedAt: ago(queuedMinAgo),
		calledAt: ago(queuedMinAgo - wait),
		finishedAt: ago(queuedMinAgo - wait - service),
		counterId: 'c1'
	});
}

/** A work order with only what its SLA and lists read (the rest never matters here). */
function order(over: Partial<WorkOrder>): WorkOrder {
	const base = {
		id: `w${++seq}`,
		at: ago(10),
		category: 'repair',
		status: 'submitted',
		respondedAt: null,
		resolvedAt: null,
		closedAt: null,
		pauses: [],
		history: []
	};
	return { ...base, ...over } as WorkOrder;
}

function entry(over: Partial<LedgerEntry>): LedgerEntry {
	seq++;
	return {
		id: `e${seq}`,
		at: ago(5),
		kind: 'payment',
		day: today,
		unitId: '1-1-101',
		method: 'cash',
		amountFen: 10000,
		allocations: [],
		tenderedFen: null,
		changeFen: null,
		receiptYear: 2026,
		receiptSeq: seq,
		cashierId: 'cashier-1',
		cashierName: '收银员',
		intentId: null,
		provider: null,
		providerTxnId: null,
		voidOf: null,
		reason: null,
		ticketId: null,
		receiptToken: null,
		...over
	};
}

function meeting(id: string, title: string | null, start: string, end: string): PublicMeeting {
	return {
		id,
		title,
		organization: '',
		welcome: '',
		start,
		end,
		attendees: 4,
		checkedIn: 0,
		started: false,
		vip: false
	};
}

function room(id: string, over: Partial<PublicRoom>): PublicRoom {
	return {
		id,
		name: `会议室${id}`,
		nameEn: `Room ${id}`,
		floor: '2',
		capacity: 10,
		state: 'free',
		current: null,
		next: null,
		freeUntil: null,
		later: [],
		justEnded: null,
		checkInOpenMin: 15,
		noShowMin: 15,
		...over
	};
}

describe('today overview', () => {
	it('an empty day shows no medians, no longest wait and no target — "—", never 0', () => {
		const o = todayOverview(records());
		expect(o.day).toBe(today);
		expect(o.queue).toMatchObject({
			waitingTotal: 0,
			longestWaitMs: null,
			served: 0,
			medianWaitMs: null,
			medianServiceMs: null
		});
		expect(o.money).toMatchObject({ netFen: 0, targetFen: null, ofTarget: null });
		expect(o.work).toEqual({ open: { ok: 0, dueSoon: 0, overdue: 0 }, awaitingFollowUp: 0 });
		expect(o.rooms).toEqual({ total: 0, inUse: [], next: [] });
		expect(o.screens.screens).toEqual({ total: 0, offline: [] });
	});

	it('counts who waits by service, the longest wait, and medians over served tickets only', () => {
		const o = todayOverview(
			records({
				tickets: [
					ticket({ service: 'fees', queuedAt: ago(30) }),
					ticket({ service: 'repairs', queuedAt: ago(12) }),
					ticket({ service: 'repairs', queuedAt: ago(2) }),
					served(90, 5, 4),
					served(80, 10, 6),
					served(70, 20, 8),
					// A no-show was called but not served; yesterday's ticket is not today's.
					ticket({ status: 'skipped', queuedAt: ago(50), calledAt: ago(10), finishedAt: ago(9) }),
					ticket({ day: '2026-11-25', queuedAt: ago(24 * 60) })
				]
			})
		);
		expect(o.queue.waiting).toEqual({ fees: 1, repairs: 2, affairs: 0, consult: 0 });
		expect(o.queue.waitingTotal).toBe(3);
		expect(o.queue.longestWaitMs).toBe(30 * min);
		expect(o.queue.longestService).toBe('fees');
		expect(o.queue.served).toBe(3);
		expect(o.queue.medianWaitMs).toBe(10 * min);
		expect(o.queue.medianServiceMs).toBe(6 * min);
	});

	it('open work orders by SLA state as the boards judge them, and complaints awaiting 回访', () => {
		const o = todayOverview(
			records({
				workOrders: [
					// Repairs must be answered within 30 business minutes; amber from 80% (24 min).
					order({ at: ago(10) }),
					order({ at: ago(26) }),
					order({ at: ago(45) }),
					// Accepted: now on the 8-hour resolution clock, so on time again.
					order({ at: ago(45), status: 'accepted', respondedAt: ago(20) }),
					// Resolved complaints wait for their call; resolved orders are not open.
					order({ category: 'complaint', status: 'resolved', resolvedAt: ago(5) }),
					order({ category: 'complaint', status: 'followedUp', resolvedAt: ago(50) }),
					order({ status: 'closed', closedAt: ago(3), resolvedAt: ago(4) }),
					order({ status: 'cancelled' })
				]
			})
		);
		expect(o.work.open).toEqual({ ok: 2, dueSoon: 1, overdue: 1 });
		expect(o.work.awaitingFollowUp).toBe(1);
	});

	it("collections agree with the daily close: a void today of yesterday's payment counts today", () => {
		const yesterdays = entry({ day: '2026-11-25', at: '2026-11-25T08:00:00Z', amountFen: 3000 });
		const entries = [
			yesterdays,
			entry({ method: 'cash', amountFen: 10000 }),
			entry({ method: 'qr', amountFen: 5000, cashierId: 'kiosk' }),
			entry({ kind: 'void', voidOf: yesterdays.id, amountFen: 3000, receiptSeq: null })
		];
		const o = todayOverview(records({ entries }));
		expect(o.money.byMethod.cash).toEqual({ count: 1, totalFen: 10000 });
		expect(o.money.byMethod.qr).toEqual({ count: 1, totalFen: 5000 });
		expect(o.money.voids).toEqual({ count: 1, totalFen: 3000 });
		expect(o.money.netFen).toBe(12000);
		// The same as the day's closes taken together.
		const close = summarize(
			entries.filter((e) => e.day === today),
			receiptNumber
		);
		expect(o.money.netFen).toBe(close.netFen);
	});

	it("the day's target is this month's billed amount over the month's days", () => {
		const o = todayOverview(
			records({
				entries: [entry({ amountFen: 12000 })],
				bills: [
					{ period: '2026-11', amountFen: 200000 },
					{ period: '2026-11', amountFen: 100000 },
					{ period: '2026-10', amountFen: 999999 }
				]
			})
		);
		// 3,000.00 billed in November's 30 days: 100.00 a day.
		expect(o.money.targetFen).toBe(10000);
		expect(o.money.ofTarget).toBeCloseTo(1.2);
	});

	it('rooms in use and the next meetings, private titles hidden, soonest first', () => {
		const board: PublicRoomsBoard = {
			rooms: [
				room('1', {
					state: 'inUse',
					current: meeting('b1', null, ago(30), ago(-30)),
					later: [meeting('b3', '业委会例会', ago(-180), ago(-240))]
				}),
				room('2', { later: [meeting('b2', '装修协调会', ago(-60), ago(-120))] })
			]
		};
		const o = todayOverview(records({ rooms: board }));
		expect(o.rooms.total).toBe(2);
		expect(o.rooms.inUse).toEqual([
			expect.objectContaining({ id: 'b1', roomId: '1', title: null, end: ago(-30) })
		]);
		expect(o.rooms.next.map((m) => [m.id, m.title])).toEqual([
			['b2', '装修协调会'],
			['b3', '业委会例会']
		]);
	});

	it('a screen offline since yesterday comes first, with how long; printers down likewise', () => {
		const screen = (id: string, online: boolean, lastSeenAt: string | null) => ({
			id,
			name: `屏${id}`,
			kind: 'display' as const,
			status: 'approved' as const,
			lastSeenAt,
			online
		});
		const o = todayOverview(
			records({
				devices: [
					screen('a', false, ago(5)),
					screen('b', false, '2026-11-25T10:00:00Z'),
					screen('c', true, ago(1)),
					{ ...screen('d', false, ago(1)), status: 'pending' }
				],
				printers: [
					{ id: 'p1', name: '前台', state: 'offline', downSince: ago(12) },
					{ id: 'p2', name: '自助机', state: 'online', downSince: null },
					{ id: 'p3', name: '新装', state: 'unknown', downSince: null }
				]
			})
		);
		expect(o.screens.screens.total).toBe(3);
		expect(o.screens.screens.offline.map((s) => [s.id, s.forMs])).toEqual([
			['b', now.getTime() - Date.parse('2026-11-25T10:00:00Z')],
			['a', 5 * min]
		]);
		expect(o.screens.screens.offline[0]!.forMs).toBeGreaterThan(15 * 60 * min);
		expect(o.screens.printers).toEqual({
			total: 3,
			offline: [{ id: 'p1', name: '前台', kind: 'printer', since: ago(12), forMs: 12 * min }]
		});
	});
});
