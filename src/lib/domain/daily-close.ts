import { z } from 'zod';
import { PAYMENT_METHODS, type LedgerEntry, type PaymentMethod } from './fees';

/**
 * The daily close (日结) of one drawer: a cashier, or the kiosks' QR channel, on one business
 * day. Its figures come from the ledger alone, so a Z-report printed again says the same.
 */

const countTotal = z.object({ count: z.number().int(), totalFen: z.number().int() });

export const closeSummarySchema = z.object({
	byMethod: z.record(z.enum(PAYMENT_METHODS), countTotal),
	voids: countTotal,
	refunds: countTotal,
	/** Payments less voids and refunds. */
	netFen: z.number().int(),
	/** Cash that should be in the drawer: cash taken (net of change) less cash given back. */
	expectedCashFen: z.number().int(),
	receipts: z.object({
		count: z.number().int(),
		first: z.string().nullable(),
		last: z.string().nullable()
	})
});
export type CloseSummary = z.infer<typeof closeSummarySchema>;

export const dailyCloseSchema = z.object({
	id: z.string(),
	cashierId: z.string(),
	cashierName: z.string(),
	day: z.string(),
	closedAt: z.string(),
	closedBy: z.string(),
	summary: closeSummarySchema
});
export type DailyClose = z.infer<typeof dailyCloseSchema>;

/**
 * Sums one drawer's entries of one day. `receipt` formats a payment's receipt number; voids
 * and refunds count against the drawer they were entered in, which for a day already closed
 * is the manager's (the original day stays as it was closed).
 */
export function summarize(
	entries: readonly LedgerEntry[],
	receipt: (e: LedgerEntry) => string
): CloseSummary {
	const byMethod = Object.fromEntries(
		PAYMENT_METHODS.map((m) => [m, { count: 0, totalFen: 0 }])
	) as Record<PaymentMethod, { count: number; totalFen: number }>;
	const voids = { count: 0, totalFen: 0 };
	const refunds = { count: 0, totalFen: 0 };
	let expectedCashFen = 0;
	const payments = entries
		.filter((e) => e.kind === 'payment')
		.sort((a, b) => (a.receiptSeq ?? 0) - (b.receiptSeq ?? 0));
	for (const e of entries) {
		const sum = e.kind === 'payment' ? byMethod[e.method] : e.kind === 'void' ? voids : refunds;
		sum.count++;
		sum.totalFen += e.amountFen;
		if (e.method === 'cash') expectedCashFen += e.kind === 'payment' ? e.amountFen : -e.amountFen;
	}
	const paid = PAYMENT_METHODS.reduce((s, m) => s + byMethod[m].totalFen, 0);
	return {
		byMethod,
		voids,
		refunds,
		netFen: paid - voids.totalFen - refunds.totalFen,
		expectedCashFen,
		receipts: {
			count: payments.length,
			first: payments[0] ? receipt(payments[0]) : null,
			last: payments.at(-1) ? receipt(payments.at(-1)!) : null
		}
	};
}
