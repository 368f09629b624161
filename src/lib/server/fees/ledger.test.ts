import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receiptNumber } from '$lib/domain/fees';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { DomainEventBus } from '../events';
import { demoSite } from '../seed';
import { Store } from '../store/store';
import { AuditService } from '../audit/audit';
import { KIOSK_DRAWER } from '$lib/domain/fees';
import { FeesService } from './ledger';
import { SiteService } from '../site/site';

const cashier = { id: 'c1', username: 'cashier' };
const drawer = { id: 'c1', name: '收银 李静' };
const manager = { id: 'm1', username: 'manager' };
const managerDrawer = { id: 'm1', name: '项目经理 赵明' };
const UNIT = '1-1-101';
let dir: string;
let store: Store;
let clock: ManualClock;

async function openFees() {
	store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	const events = new DomainEventBus();
	const audit = await AuditService.open(store);
	const site = await SiteService.open(store, { audit, events });
	if (!site.site.ready) await site.replace(null, demoSite());
	return FeesService.open(store, { clock, audit, events, site });
}

async function restart() {
	await store.close();
	return openFees();
}

const readings = { [UNIT]: 1235 };

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-fees-'));
	clock = new ManualClock('2026-11-26T02:00:00Z'); // 10:00 in Shanghai
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('bill runs', () => {
	it('issues a bill per unit and standard once, however often the period is run', async () => {
		const fees = await openFees();
		const first = await fees.runs.run(cashier, { period: '2026-11', readings });
		// 200 units × (area + fixed) + one metered reading
		expect(first).toMatchObject({ issued: 401, skipped: 0, missingReadings: 199 });
		const again = await fees.runs.run(cashier, { period: '2026-11', readings });
		expect(again).toMatchObject({ issued: 0, skipped: 401 });
		const raced = await Promise.all([
			fees.runs.run(cashier, { period: '2026-10' }),
			fees.runs.run(cashier, { period: '2026-10' })
		]);
		expect(raced.map((r) => r.issued).sort()).toEqual([0, 400]);
		const reopened = await restart();
		expect((await reopened.runs.run(cashier, { period: '2026-11' })).issued).toBe(0);
		expect(reopened.bills(UNIT)).toHaveLength(5);
	});

	it('refuses a period that is not a month', async () => {
		const fees = await openFees();
		await expect(fees.runs.run(cashier, { period: '2026-13' })).rejects.toThrow();
	});
});

describe('payments and receipts', () => {
	it('takes cash with change and clears the chosen bills', async () => {
		const fees = await openFees();
		await fees.runs.run(cashier, { period: '2026-11' });
		const owed = fees.unpaid(UNIT);
		const total = owed.reduce((s, b) => s + b.balanceFen, 0);
		const entry = await fees.pay(cashier, {
			unitId: UNIT,
			billIds: owed.map((b) => b.id),
			method: 'cash',
			tenderedFen: total + 1234,
			drawer
		});
		expect(entry).toMatchObject({ amountFen: total, changeFen: 1234, receiptSeq: 1 });
		expect(fees.unpaid(UNIT)).toEqual([]);
	});

	it('refuses too little cash, a bill already paid and a bill of another unit', async () => {
		const fees = await openFees();
		await fees.runs.run(cashier, { period: '2026-11' });
		const [bill] = fees.unpaid(UNIT);
		const other = fees.unpaid('1-1-102')[0]!;
		const base = { unitId: UNIT, method: 'cash' as const, drawer };
		await expect(
			fees.pay(cashier, { ...base, billIds: [bill!.id], tenderedFen: 1 })
		).rejects.toMatchObject({
			key: 'error.tenderedTooLittle'
		});
		await expect(fees.pay(cashier, { ...base, billIds: [other.id] })).rejects.toMatchObject({
			key: 'error.billNotOwed'
		});
		await fees.pay(cashier, { ...base, billIds: [bill!.id] });
		await expect(fees.pay(cashier, { ...base, billIds: [bill!.id] })).rejects.toMatchObject({
			key: 'error.billNotOwed'
		});
	});

	it('numbers receipts without a gap under concurrent payments and across a restart, per year', async () => {
		let fees = await openFees();
		await fees.runs.run(cashier, { period: '2026-11' });
		const units = demoSite()
			.units.slice(0, 20)
			.map((u) => u.id);
		const paid = await Promise.all(
			units.map((unitId) =>
				fees.pay(cashier, {
					unitId,
					billIds: fees.unpaid(unitId).map((b) => b.id),
					method: 'card',
					drawer
				})
			)
		);
		expect(paid.map((e) => e.receiptSeq).sort((a, b) => a! - b!)).toEqual(
			Array.from({ length: 20 }, (_, i) => i + 1)
		);
		// A payment that fails takes no number.
		await expect(
			fees.pay(cashier, { unitId: units[0]!, billIds: ['nope'], method: 'card', drawer })
		).rejects.toThrow();
		fees = await restart();
		const next = await fees.pay(cashier, {
			unitId: '5-2-1002',
			billIds: fees.unpaid('5-2-1002').map((b) => b.id),
			method: 'transfer',
			drawer
		});
		expect(receiptNumber(next)).toBe('2026-000021');
		clock.set('2027-01-01T00:00:00Z'); // 08:00 on New Year's Day in Shanghai
		await fees.runs.run(cashier, { period: '2027-01' });
		const newYear = await fees.pay(cashier, {
			unitId: UNIT,
			billIds: fees.unpaid(UNIT).map((b) => b.id),
			method: 'card',
			drawer
		});
		expect(receiptNumber(newYear)).toBe('2027-000001');
	});

	it('settles a QR payment once per provider transaction', async () => {
		const fees = await openFees();
		await fees.runs.run(cashier, { period: '2026-11' });
		const owed = fees.unpaid(UNIT);
		const amountFen = owed.reduce((s, b) => s + b.balanceFen, 0);
		const input = {
			unitId: UNIT,
			billIds: owed.map((b) => b.id),
			method: 'qr' as const,
			drawer: KIOSK_DRAWER,
			qr: { intentId: 'i1', provider: 'sandbox', transactionId: 't1', amountFen }
		};
		const entries = await Promise.all(Array.from({ length: 10 }, () => fees.pay(null, input)));
		expect(new Set(entries.map((e) => e.id)).size).toBe(1);
		expect(fees.entries(UNIT)).toHaveLength(1);
	});
});

describe('voids and the daily close', () => {
	async function paidUnit(fees: FeesService, unitId = UNIT) {
		return fees.pay(cashier, {
			unitId,
			billIds: fees.unpaid(unitId).map((b) => b.id),
			method: 'cash',
			tenderedFen: 100_000,
			drawer
		});
	}

	it('voids with a new entry that points at the original and gives the bills back', async () => {
		const fees = await openFees();
		await fees.runs.run(cashier, { period: '2026-11' });
		const original = await paidUnit(fees);
		await expect(
			fees.void(manager, managerDrawer, { entryId: original.id, reason: '' })
		).rejects.toThrow();
		const v = await fees.void(manager, managerDrawer, { entryId: original.id, reason: '收错户' });
		expect(v).toMatchObject({
			kind: 'void',
			voidOf: original.id,
			cashierId: 'c1',
			receiptSeq: null
		});
		expect(fees.entry(original.id)).toEqual(original);
		expect(fees.unpaid(UNIT)).toHaveLength(2);
		await expect(
			fees.void(manager, managerDrawer, { entryId: original.id, reason: '再来一次' })
		).rejects.toMatchObject({ key: 'error.alreadyVoided' });
		// The voided receipt's number is not reused.
		expect((await paidUnit(fees)).receiptSeq).toBe(2);
	});

	it('closes a drawer with totals, expected cash and the receipt range, then locks it', async () => {
		const fees = await openFees();
		await fees.runs.run(cashier, { period: '2026-11' });
		const a = await paidUnit(fees, '1-1-101');
		const b = await paidUnit(fees, '1-1-102');
		await fees.pay(cashier, {
			unitId: '1-1-201',
			billIds: fees.unpaid('1-1-201').map((x) => x.id),
			method: 'card',
			drawer
		});
		await fees.void(manager, managerDrawer, { entryId: b.id, reason: '重复收款' });
		const close = await fees.close(cashier, drawer, '2026-11-26');
		expect(close.summary).toMatchObject({
			byMethod: { cash: { count: 2, totalFen: a.amountFen + b.amountFen }, card: { count: 1 } },
			voids: { count: 1, totalFen: b.amountFen },
			expectedCashFen: a.amountFen,
			receipts: { count: 3, first: '2026-000001', last: '2026-000003' }
		});
		await expect(fees.close(cashier, drawer, '2026-11-26')).rejects.toMatchObject({
			key: 'error.alreadyClosed'
		});
		await expect(paidUnit(fees, '1-1-202')).rejects.toMatchObject({ key: 'error.dayClosed' });
		// A correction after the close is the manager's own entry; the closed day stays as it was.
		const late = await fees.void(manager, managerDrawer, { entryId: a.id, reason: '日结后更正' });
		expect(late.cashierId).toBe('m1');
		expect(fees.drawerEntries('c1', '2026-11-26')).toHaveLength(4);
		const reopened = await restart();
		expect(reopened.closes.isClosed('c1', '2026-11-26')).toBe(true);
	});
});
