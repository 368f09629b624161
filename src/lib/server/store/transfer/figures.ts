import { createHash, type Hash } from 'node:crypto';
import { billSchema, ledgerEntrySchema, receiptNumber } from '$lib/domain/fees';
import { TransferError } from './errors';

/**
 * JSON with every object's keys sorted: the same text for the same content, whichever order
 * the keys were written in. PostgreSQL's jsonb keeps keys in its own order (shortest first), so
 * a record read back from the database is compared by content, not by its bytes on disk.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

interface CollectionFigures {
	count: number;
	digest: Hash;
}

/** What is compared between the two sides, once every document and record has been seen. */
export interface FiguresSummary {
	documents: Map<string, string>;
	records: Map<string, { count: number; digest: string }>;
	/** Sum of the ledger's `amountFen` by kind (payment, void, refund). */
	ledgerFen: Map<string, number>;
	billsAmountFen: number;
	/** What is still owed on all bills: amounts less the payments no void or refund cancelled. */
	billsBalanceFen: number;
	/** The last receipt number handed out, by year (2026 → "2026-000123"). */
	lastReceipt: Map<number, string>;
}

/**
 * Counts, money totals, the last receipt numbers and a content digest of one side of a
 * transfer (a data folder or a site in the database), fed one document and record at a time in
 * the order they are listed. Bills and ledger entries are validated with the domain's schemas
 * (a record the server could not read is refused here, before it is moved).
 */
export class Figures {
	readonly #docs = new Map<string, string>();
	readonly #logs = new Map<string, CollectionFigures>();
	readonly #ledgerFen = new Map<string, number>();
	readonly #lastSeq = new Map<number, number>();
	#billsFen = 0;
	readonly #bills = new Set<string>();
	/** Payments' allocations by payment id, and the payments a void or refund cancelled. */
	readonly #paid = new Map<string, { billId: string; amountFen: number }[]>();
	readonly #cancelled = new Set<string>();

	/** Counts one document. */
	document(name: string, data: unknown): void {
		this.#docs.set(name, sha256(canonicalJson(data)));
	}

	/** Makes a collection known even when it holds no record (an empty log folder). */
	collection(name: string): void {
		if (!this.#logs.has(name)) this.#logs.set(name, { count: 0, digest: createHash('sha256') });
	}

	/** Counts one record of `collection`, in list order; throws TransferError for a bad bill or ledger entry. */
	record(collection: string, record: unknown, where: string): void {
		this.collection(collection);
		const c = this.#logs.get(collection)!;
		c.count++;
		c.digest.update(canonicalJson(record) + '\n');
		if (collection === 'bills') this.#bill(record, where);
		else if (collection === 'ledger') this.#entry(record, where);
	}

	#bill(record: unknown, where: string): void {
		const r = billSchema.safeParse(record);
		if (!r.success) throw new TransferError(`a bill in ${where} does not read: ${r.error.message}`);
		this.#billsFen += r.data.amountFen;
		this.#bills.add(r.data.id);
	}

	#entry(record: unknown, where: string): void {
		const r = ledgerEntrySchema.safeParse(record);
		if (!r.success)
			throw new TransferError(`a ledger entry in ${where} does not read: ${r.error.message}`);
		const e = r.data;
		this.#ledgerFen.set(e.kind, (this.#ledgerFen.get(e.kind) ?? 0) + e.amountFen);
		if (e.voidOf) this.#cancelled.add(e.voidOf);
		if (e.kind === 'payment') this.#paid.set(e.id, e.allocations);
		if (e.receiptYear !== null && e.receiptSeq !== null) {
			this.#lastSeq.set(
				e.receiptYear,
				Math.max(this.#lastSeq.get(e.receiptYear) ?? 0, e.receiptSeq)
			);
		}
	}

	/** The figures once everything has been fed (the same rule as the domain's `balances`). */
	summary(): FiguresSummary {
		let paidFen = 0;
		for (const [id, allocations] of this.#paid) {
			if (this.#cancelled.has(id)) continue;
			for (const a of allocations) if (this.#bills.has(a.billId)) paidFen += a.amountFen;
		}
		const records = new Map(
			[...this.#logs].map(([name, c]) => [
				name,
				{ count: c.count, digest: c.digest.copy().digest('hex') }
			])
		);
		const lastReceipt = new Map(
			[...this.#lastSeq].map(([year, seq]) => [
				year,
				receiptNumber({ receiptYear: year, receiptSeq: seq })
			])
		);
		return {
			documents: new Map(this.#docs),
			records,
			ledgerFen: new Map(this.#ledgerFen),
			billsAmountFen: this.#billsFen,
			billsBalanceFen: this.#billsFen - paidFen,
			lastReceipt
		};
	}
}

/** The digest of a collection with no record: one the other side does not have at all. */
export const EMPTY_DIGEST = createHash('sha256').digest('hex');

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** Total records of a summary. */
export function recordCount(s: FiguresSummary): number {
	let n = 0;
	for (const c of s.records.values()) n += c.count;
	return n;
}
