import { z } from 'zod';
import { roundCentiFen } from './money';
import type { FeeStandard, Unit } from './site';

/**
 * Fees: bills per unit and period, and a ledger of payments, voids and refunds against them.
 * A bill is never changed after it is issued; its balance is derived from the ledger.
 */

/** A billing period: one calendar month, `YYYY-MM`. */
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'error.period');

export const billSchema = z.object({
	id: z.string(),
	at: z.string(),
	unitId: z.string(),
	period: periodSchema,
	standardId: z.string(),
	/** The standard's name when the bill was issued (a renamed standard does not rename bills). */
	name: z.string(),
	kind: z.enum(['perArea', 'fixed', 'metered']),
	/** perArea: the unit's area in hundredths of a m²; metered: the reading in hundredths; fixed: 100. */
	quantityCenti: z.number().int().nonnegative(),
	unitPriceFen: z.number().int().nonnegative(),
	amountFen: z.number().int().nonnegative(),
	/** The day (YYYY-MM-DD) after which an unpaid bill counts as overdue. */
	dueDate: z.string(),
	runId: z.string()
});
export type Bill = z.infer<typeof billSchema>;

export const PAYMENT_METHODS = ['cash', 'card', 'transfer', 'qr'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const allocationSchema = z.object({
	billId: z.string(),
	amountFen: z.number().int().positive()
});

/**
 * One ledger entry. `payment` carries a receipt number (gapless per year); `void` and `refund`
 * cancel a payment in full and point at it with `voidOf`: the original stays as it was.
 */
export const ledgerEntrySchema = z.object({
	id: z.string(),
	at: z.string(),
	kind: z.enum(['payment', 'void', 'refund']),
	/** The site's business day (YYYY-MM-DD) the entry counts for in the daily close. */
	day: z.string(),
	unitId: z.string(),
	method: z.enum(PAYMENT_METHODS),
	amountFen: z.number().int().positive(),
	allocations: z.array(allocationSchema),
	/** Cash handed over and change given back (cash payments only). */
	tenderedFen: z.number().int().nonnegative().nullable(),
	changeFen: z.number().int().nonnegative().nullable(),
	/** Payments: e.g. 2026-000123. */
	receiptYear: z.number().int().nullable(),
	receiptSeq: z.number().int().positive().nullable(),
	/** Whose drawer or channel: a staff id, or `kiosk` for QR payments made at a kiosk. */
	cashierId: z.string(),
	cashierName: z.string(),
	/** QR payments: the intent and the provider's transaction id (settled once on it). */
	intentId: z.string().nullable(),
	provider: z.string().nullable(),
	providerTxnId: z.string().nullable(),
	voidOf: z.string().nullable(),
	reason: z.string().nullable(),
	/** The queue ticket this visit came with, if any (the visit becomes the case record). */
	ticketId: z.string().nullable(),
	/** Unguessable: opens the e-receipt on a phone. */
	receiptToken: z.string().nullable()
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** A receipt number as printed: 2026-000123. */
export function receiptNumber(e: Pick<LedgerEntry, 'receiptYear' | 'receiptSeq'>): string {
	if (e.receiptYear === null || e.receiptSeq === null) return '';
	return `${e.receiptYear}-${String(e.receiptSeq).padStart(6, '0')}`;
}

/**
 * The amount of one bill line. perArea: area (m², 2 decimals) × price per m² per month;
 * fixed: the price; metered: reading (2 decimals) × unit price. Rounded half up to the fen
 * once per line (see roundCentiFen); null when a metered standard has no reading.
 */
export function billLine(
	standard: FeeStandard,
	unit: Unit,
	readingCenti?: number
): { quantityCenti: number; amountFen: number } | null {
	switch (standard.kind) {
		case 'perArea':
			return {
				quantityCenti: unit.areaCentiM2,
				amountFen: roundCentiFen(unit.areaCentiM2 * standard.priceFen)
			};
		case 'fixed':
			return { quantityCenti: 100, amountFen: standard.priceFen };
		case 'metered':
			if (readingCenti === undefined) return null;
			return {
				quantityCenti: readingCenti,
				amountFen: roundCentiFen(readingCenti * standard.priceFen)
			};
	}
}

/** The bill's key: one bill per unit, period and standard, however often a run is repeated. */
export const billKey = (b: Pick<Bill, 'unitId' | 'period' | 'standardId'>): string =>
	`${b.unitId}|${b.period}|${b.standardId}`;

/** Whole months from a bill's period to `today`'s month (0 in the period itself). */
export function ageMonths(period: string, today: string): number {
	const [py, pm] = period.split('-').map(Number) as [number, number];
	const [ty, tm] = today.split('-').map(Number) as [number, number];
	return Math.max(0, (ty - py) * 12 + (tm - pm));
}

/** Arrears age buckets, as collection reports show them. */
export const AGE_BUCKETS = ['current', 'm1to3', 'm4to12', 'over12'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(months: number): AgeBucket {
	if (months < 1) return 'current';
	if (months <= 3) return 'm1to3';
	if (months <= 12) return 'm4to12';
	return 'over12';
}

/** A bill with what is still owed on it. */
export interface BillBalance extends Bill {
	paidFen: number;
	balanceFen: number;
}

/** Balances of bills from the ledger: payments count unless a void or refund cancelled them. */
export function balances(bills: readonly Bill[], ledger: readonly LedgerEntry[]): BillBalance[] {
	const cancelled = new Set(ledger.filter((e) => e.voidOf).map((e) => e.voidOf));
	const paid = new Map<string, number>();
	for (const e of ledger) {
		if (e.kind !== 'payment' || cancelled.has(e.id)) continue;
		for (const a of e.allocations) paid.set(a.billId, (paid.get(a.billId) ?? 0) + a.amountFen);
	}
	return bills.map((b) => {
		const paidFen = paid.get(b.id) ?? 0;
		return { ...b, paidFen, balanceFen: b.amountFen - paidFen };
	});
}

/** Whose drawer a payment goes to: a staff member, or the kiosks' QR channel. */
export interface Drawer {
	id: string;
	name: string;
}
/** The drawer of QR payments made at a kiosk (closed by a cashier or manager like any other). */
export const KIOSK_DRAWER: Drawer = { id: 'kiosk', name: 'kiosk' };
