/**
 * Reconciliation (对账): a provider's trade bill for a day, matched line by line against the
 * ledger by transaction id and amount. Pure: the service fetches the bill and the entries.
 */

/** One line of a provider's bill, as the domain needs it. */
export interface BillItem {
	transactionId: string;
	reference: string;
	kind: 'payment' | 'refund';
	amountFen: number;
}

/** What Foyer booked for one transaction: the payment, and what was refunded of it. */
export interface BookedTxn {
	transactionId: string;
	reference: string;
	entryId: string;
	paidFen: number;
	refundedFen: number;
}

/**
 * matched: both agree; providerOnly: money the provider took that Foyer never booked (book it or
 * refund it); foyerOnly: booked but not on the provider's bill; differs: amounts or refunds
 * disagree.
 */
export type ReconStatus = 'matched' | 'providerOnly' | 'foyerOnly' | 'differs';

export interface ReconRow {
	provider: string;
	transactionId: string;
	reference: string;
	status: ReconStatus;
	providerPaidFen: number;
	providerRefundedFen: number;
	foyerPaidFen: number;
	foyerRefundedFen: number;
	/** Staff's resolution of a difference (matched rows need none). */
	resolution: { by: string; note: string; at: string } | null;
}

/** Matches a provider's bill against what Foyer booked with that provider on the same day. */
export function reconcile(
	provider: string,
	bill: readonly BillItem[],
	booked: readonly BookedTxn[]
): ReconRow[] {
	const theirs = new Map<string, { reference: string; paid: number; refunded: number }>();
	for (const l of bill) {
		const t = theirs.get(l.transactionId) ?? { reference: l.reference, paid: 0, refunded: 0 };
		if (l.kind === 'payment') t.paid += l.amountFen;
		else t.refunded += l.amountFen;
		theirs.set(l.transactionId, t);
	}
	const ours = new Map(booked.map((b) => [b.transactionId, b]));
	const rows: ReconRow[] = [];
	for (const id of new Set([...theirs.keys(), ...ours.keys()])) {
		const t = theirs.get(id);
		const o = ours.get(id);
		const row: ReconRow = {
			provider,
			transactionId: id,
			reference: t?.reference ?? o!.reference,
			status: 'matched',
			providerPaidFen: t?.paid ?? 0,
			providerRefundedFen: t?.refunded ?? 0,
			foyerPaidFen: o?.paidFen ?? 0,
			foyerRefundedFen: o?.refundedFen ?? 0,
			resolution: null
		};
		if (!o) row.status = 'providerOnly';
		else if (!t) row.status = 'foyerOnly';
		else if (
			row.providerPaidFen !== row.foyerPaidFen ||
			row.providerRefundedFen !== row.foyerRefundedFen
		)
			row.status = 'differs';
		rows.push(row);
	}
	// Differences first, then by transaction id: what staff must look at comes on top.
	return rows.sort(
		(a, b) =>
			Number(a.status === 'matched') - Number(b.status === 'matched') ||
			a.transactionId.localeCompare(b.transactionId)
	);
}

/** The rows as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese right). */
export function reconciliationCsv(rows: readonly ReconRow[], header: readonly string[]): string {
	const cell = (v: string | number) =>
		/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
	const yuan = (fen: number) => (fen / 100).toFixed(2);
	const lines = rows.map((r) =>
		[
			r.provider,
			r.transactionId,
			r.reference,
			r.status,
			yuan(r.providerPaidFen),
			yuan(r.providerRefundedFen),
			yuan(r.foyerPaidFen),
			yuan(r.foyerRefundedFen),
			r.resolution?.by ?? '',
			r.resolution?.note ?? ''
		]
			.map(cell)
			.join(',')
	);
	return '\uFEFF' + [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
}
