import { summarize, type CloseSummary } from '../daily-close';
import { receiptNumber, type Bill, type LedgerEntry } from '../fees';
import { rate } from '../stats';

/** Today's collections, counted as the daily close (日结) counts a drawer, over every drawer. */
export interface TodayMoney extends Pick<
	CloseSummary,
	'byMethod' | 'voids' | 'refunds' | 'netFen'
> {
	/** The day's target: this month's billed amount spread evenly over the month's days (fen);
	 * null when nothing is billed for the month. */
	targetFen: number | null;
	/** netFen / targetFen; null ("—") without a target. */
	ofTarget: number | null;
}

/** Days in a `YYYY-MM` month. */
function daysIn(month: string): number {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Today's collections. `entries` are the ledger's entries whose business day is `today`: a
 * void or refund entered today of a payment taken on an earlier day counts against today, as
 * it does in today's close, and the earlier day stays as it was closed.
 */
export function todayMoney(
	entries: readonly LedgerEntry[],
	bills: readonly Pick<Bill, 'period' | 'amountFen'>[],
	today: string
): TodayMoney {
	const { byMethod, voids, refunds, netFen } = summarize(
		entries.filter((e) => e.day === today),
		receiptNumber
	);
	const month = today.slice(0, 7);
	const billed = bills.reduce((s, b) => s + (b.period === month ? b.amountFen : 0), 0);
	const targetFen = billed > 0 ? Math.round(billed / daysIn(month)) : null;
	return { byMethod, voids, refunds, netFen, targetFen, ofTarget: rate(netFen, targetFen ?? 0) };
}
