import { describe, expect, it } from 'vitest';
import { ageBucket, ageMonths, balances, billLine, receiptNumber, type Bill } from './fees';
import { feeStandardSchema, unitSchema, type FeeStandard, type Unit } from './site';

const unit: Unit = unitSchema.parse({
	id: '1-1-101',
	building: '1',
	entrance: '1',
	room: '101',
	areaCentiM2: 8950
});
const std = (kind: FeeStandard['kind'], priceFen: number): FeeStandard =>
	feeStandardSchema.parse({ id: kind, name: kind, kind, priceFen });

describe('bill lines', () => {
	it('charges area × price per m², rounded half up to the fen once per line', () => {
		// 89.50 m² × ￥2.50 = ￥223.75 exactly
		expect(billLine(std('perArea', 250), unit)).toEqual({ quantityCenti: 8950, amountFen: 22375 });
		// 89.50 m² × ￥1.15 = ￥102.925 → ￥102.93 (half up)
		expect(billLine(std('perArea', 115), unit)?.amountFen).toBe(10293);
		// 68.33 m² × ￥1.99 = ￥135.9767 → ￥135.98
		expect(billLine(std('perArea', 199), { ...unit, areaCentiM2: 6833 })?.amountFen).toBe(13598);
		// 68.31 m² × ￥1.99 = ￥135.9369 → ￥135.94 (…69 rounds up, not down)
		expect(billLine(std('perArea', 199), { ...unit, areaCentiM2: 6831 })?.amountFen).toBe(13594);
	});

	it('charges a fixed fee as it is, and a metered one by its reading', () => {
		expect(billLine(std('fixed', 3000), unit)).toEqual({ quantityCenti: 100, amountFen: 3000 });
		// 12.35 m³ × ￥4.10 = ￥50.635 → ￥50.64
		expect(billLine(std('metered', 410), unit, 1235)?.amountFen).toBe(5064);
		expect(billLine(std('metered', 410), unit)).toBeNull();
	});
});

describe('arrears', () => {
	it('ages a bill in whole months from its period', () => {
		expect(ageMonths('2026-11', '2026-11-26')).toBe(0);
		expect(ageMonths('2026-08', '2026-11-01')).toBe(3);
		expect(ageMonths('2025-10', '2026-11-26')).toBe(13);
		expect([0, 1, 3, 4, 12, 13].map(ageBucket)).toEqual([
			'current',
			'm1to3',
			'm1to3',
			'm4to12',
			'm4to12',
			'over12'
		]);
	});

	it('derives a balance from payments, and a voided payment no longer counts', () => {
		const bill = { id: 'b1', amountFen: 22375 } as Bill;
		const pay = {
			id: 'p1',
			kind: 'payment',
			voidOf: null,
			allocations: [{ billId: 'b1', amountFen: 22375 }]
		};
		const paid = balances([bill], [pay] as never);
		expect(paid[0]).toMatchObject({ paidFen: 22375, balanceFen: 0 });
		const voided = balances([bill], [
			pay,
			{ ...pay, id: 'v1', kind: 'void', voidOf: 'p1' }
		] as never);
		expect(voided[0]).toMatchObject({ paidFen: 0, balanceFen: 22375 });
	});

	it('prints receipt numbers with six digits', () => {
		expect(receiptNumber({ receiptYear: 2026, receiptSeq: 42 })).toBe('2026-000042');
	});
});
