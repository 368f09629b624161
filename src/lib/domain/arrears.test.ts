import { describe, expect, it } from 'vitest';
import { arrears, collectionRate } from './arrears';
import { balances, type Bill, type LedgerEntry } from './fees';
import { unitSchema, type Unit } from './site';

const TODAY = '2026-11-26';

const unit = (id: string): Unit => {
	const [building, entrance, room] = id.split('-') as [string, string, string];
	return unitSchema.parse({ id, building, entrance, room, areaCentiM2: 8950 });
};
const UNITS = ['1-1-101', '1-1-102', '2-1-101', '10-1-101'].map(unit);

let n = 0;
const bill = (unitId: string, period: string, amountFen: number): Bill => ({
	id: `b${++n}`,
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
	runId: period
});

const payment = (id: string, b: Bill, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
	id,
	at: '2026-11-20T02:00:00Z',
	kind: 'payment',
	day: '2026-11-20',
	unitId: b.unitId,
	method: 'cash',
	amountFen: b.amountFen,
	allocations: [{ billId: b.id, amountFen: b.amountFen }],
	tenderedFen: b.amountFen,
	changeFen: 0,
	receiptYear: 2026,
	receiptSeq: 1,
	cashierId: 's1',
	cashierName: '王芳',
	intentId: null,
	provider: null,
	providerTxnId: null,
	voidOf: null,
	reason: null,
	ticketId: null,
	receiptToken: null,
	...extra
});
const voidOf = (id: string, original: LedgerEntry): LedgerEntry => ({
	...original,
	id,
	kind: 'void',
	receiptYear: null,
	receiptSeq: null,
	voidOf: original.id,
	reason: '收错房号'
});

// 1-1-101 owes this month and one from 4 months ago; its payment of this month was voided.
const a1 = bill('1-1-101', '2026-11', 22375);
const a2 = bill('1-1-101', '2026-07', 22375);
// 1-1-102 paid this month, owes October (1 month) and last year's November (12 months).
const b1 = bill('1-1-102', '2026-11', 10001);
const b2 = bill('1-1-102', '2026-10', 10001);
const b3 = bill('1-1-102', '2025-11', 10001);
// 2-1-101 owes one bill of 13 months ago; 10-1-101 owes nothing.
const c1 = bill('2-1-101', '2025-10', 3000);
const d1 = bill('10-1-101', '2026-11', 19999);
const BILLS = [a1, a2, b1, b2, b3, c1, d1];

const payA1 = payment('p1', a1);
const LEDGER = [
	payA1,
	voidOf('v1', payA1),
	payment('p2', b1, { receiptSeq: 2 }),
	payment('p3', d1, { receiptSeq: 3, method: 'qr' })
];

describe('arrears', () => {
	const report = arrears({ balances: balances(BILLS, LEDGER), units: UNITS, today: TODAY });

	it('counts a voided payment as unpaid and sums owed fen per age bucket', () => {
		expect(report.site).toEqual({
			unitsOwing: 3,
			totalFen: 22375 * 2 + 10001 * 2 + 3000,
			buckets: { current: 22375, m1to3: 10001, m4to12: 22375 + 10001, over12: 3000 }
		});
	});

	it('lists every building, owing or not, in natural order', () => {
		expect(report.buildings).toEqual([
			{
				building: '1',
				unitsOwing: 2,
				totalFen: 64752,
				buckets: { current: 22375, m1to3: 10001, m4to12: 32376, over12: 0 }
			},
			{
				building: '2',
				unitsOwing: 1,
				totalFen: 3000,
				buckets: { current: 0, m1to3: 0, m4to12: 0, over12: 3000 }
			},
			{
				building: '10',
				unitsOwing: 0,
				totalFen: 0,
				buckets: { current: 0, m1to3: 0, m4to12: 0, over12: 0 }
			}
		]);
		const sum = report.buildings.reduce((s, b) => s + b.totalFen, 0);
		expect(sum).toBe(report.site.totalFen);
	});

	it('lists units owing, the largest amount first, with their oldest period and its age', () => {
		expect(report.units).toEqual([
			{
				unitId: '1-1-101',
				building: '1',
				totalFen: 44750,
				oldestPeriod: '2026-07',
				oldestMonths: 4
			},
			{
				unitId: '1-1-102',
				building: '1',
				totalFen: 20002,
				oldestPeriod: '2025-11',
				oldestMonths: 12
			},
			{
				unitId: '2-1-101',
				building: '2',
				totalFen: 3000,
				oldestPeriod: '2025-10',
				oldestMonths: 13
			}
		]);
	});

	it('keeps the bills of a unit the site no longer has, under a building of its own', () => {
		const gone = bill('9-9-909', '2026-11', 500);
		const r = arrears({ balances: balances([gone], []), units: UNITS, today: TODAY });
		expect(r.buildings.at(-1)).toMatchObject({ building: '', unitsOwing: 1, totalFen: 500 });
		expect(r.site.totalFen).toBe(500);
	});

	it('reports nothing owed when there are no bills', () => {
		const r = arrears({ balances: [], units: UNITS, today: TODAY });
		expect(r.site).toEqual({
			unitsOwing: 0,
			totalFen: 0,
			buckets: { current: 0, m1to3: 0, m4to12: 0, over12: 0 }
		});
		expect(r.units).toEqual([]);
		expect(r.buildings.map((b) => b.building)).toEqual(['1', '2', '10']);
	});
});

describe('collection rate', () => {
	it("is paid over billed for the period's bills only, a voided payment not counting", () => {
		const r = collectionRate(balances(BILLS, LEDGER), '2026-11');
		expect(r).toEqual({
			period: '2026-11',
			billedFen: 22375 + 10001 + 19999,
			paidFen: 10001 + 19999,
			rate: 30000 / 52375
		});
	});

	it('is null for a period with no bills', () => {
		expect(collectionRate(balances(BILLS, LEDGER), '2027-01')).toEqual({
			period: '2027-01',
			billedFen: 0,
			paidFen: 0,
			rate: null
		});
	});

	it('is 0 with nothing paid and 1 with everything paid', () => {
		expect(collectionRate(balances(BILLS, LEDGER), '2025-10').rate).toBe(0);
		const paid = balances([c1], [payment('p9', c1)]);
		expect(collectionRate(paid, '2025-10').rate).toBe(1);
	});
});
