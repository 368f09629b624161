import { randomBytes } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { voidSchema } from '$lib/domain/fees-input';
import {
	balances,
	billKey,
	billSchema,
	ledgerEntrySchema,
	receiptNumber,
	type Bill,
	type Drawer,
	type BillBalance,
	type LedgerEntry,
	type PaymentMethod
} from '$lib/domain/fees';
import type { Unit } from '$lib/domain/site';
import { dayKey } from '$lib/domain/time';
import type { FoyerStore, RecordLog, SectionLock } from '../store/contract';
import type { Actor } from '../audit/audit';
import { BillRuns } from './bill-runs';
import { OpeningBalances } from './opening-balances';
import type { FeesDeps } from './fees-deps';
import { DailyCloses } from './daily-close';

export interface PayInput {
	unitId: string;
	billIds: readonly string[];
	method: PaymentMethod;
	tenderedFen?: number | null;
	ticketId?: string | null;
	drawer: Drawer;
	/** QR payments: the intent and the provider's transaction id. */
	qr?: { intentId: string; provider: string; transactionId: string; amountFen: number };
}

/**
 * Bills, payments and receipts. Everything is loaded into memory at start (a service center's
 * bills and ledger are small); the files are the record. Bills are never changed once issued
 * and ledger entries never after they are written: a void or refund is a new entry.
 */
export class FeesService {
	readonly #mutex: SectionLock;
	readonly #bills = new Map<string, Bill>();
	readonly #billsByUnit = new Map<string, Bill[]>();
	readonly #ledger = new Map<string, LedgerEntry>();
	readonly #ledgerByUnit = new Map<string, LedgerEntry[]>();
	readonly #byTxn = new Map<string, LedgerEntry>();
	readonly #byToken = new Map<string, LedgerEntry>();
	readonly #voided = new Map<string, LedgerEntry>();
	/** The last receipt number issued per year: the next is always this + 1 (gapless). */
	readonly #lastSeq = new Map<number, number>();
	readonly runs: BillRuns;
	/** Arrears carried over from the previous system, as bills. */
	readonly opening: OpeningBalances;
	/** Bills by billKey (what opening balances are matched on). */
	readonly #byKey = new Map<string, Bill>();
	readonly closes: DailyCloses;

	private constructor(
		private readonly billLog: RecordLog<Bill>,
		private readonly ledgerLog: RecordLog<LedgerEntry>,
		closes: DailyCloses,
		private readonly deps: FeesDeps,
		lock: SectionLock
	) {
		this.#mutex = lock;
		this.closes = closes;
		this.runs = new BillRuns({
			mutex: this.#mutex,
			log: billLog,
			deps,
			add: (b) => this.#addBill(b)
		});
		this.opening = new OpeningBalances({
			mutex: this.#mutex,
			log: billLog,
			deps,
			add: (b) => this.#addBill(b),
			find: (key) => this.#byKey.get(key)
		});
	}

	static async open(store: FoyerStore, deps: FeesDeps): Promise<FeesService> {
		const fees = new FeesService(
			await store.collection('bills', (d) => billSchema.parse(d)),
			await store.collection('ledger', (d) => ledgerEntrySchema.parse(d)),
			await DailyCloses.open(store, deps),
			deps,
			store.lock('fees')
		);
		for (const b of await fees.billLog.list()) fees.#addBill(b);
		for (const e of await fees.ledgerLog.list()) fees.#addEntry(e);
		// Bills and entries written by another server process (several processes on PostgreSQL).
		fees.billLog.watch((b) => fees.#addBill(b));
		fees.ledgerLog.watch((e) => fees.#addEntry(e));
		return fees;
	}

	unit(unitId: string): Unit {
		const unit = this.deps.site.site.units.find((u) => u.id === unitId);
		if (!unit) throw new FoyerError('error.unitNotFound', {}, 404);
		return unit;
	}

	/** A unit's bills with their balances, newest period first. */
	bills(unitId: string): BillBalance[] {
		const list = balances(
			this.#billsByUnit.get(unitId) ?? [],
			this.#ledgerByUnit.get(unitId) ?? []
		);
		return list.sort((a, b) => b.period.localeCompare(a.period) || a.name.localeCompare(b.name));
	}

	/** What a unit still owes, oldest first (the order a resident pays them in). */
	unpaid(unitId: string): BillBalance[] {
		return this.bills(unitId)
			.filter((b) => b.balanceFen > 0)
			.reverse();
	}

	/** Every unit's balances (for arrears reports). */
	allBalances(): BillBalance[] {
		return [...this.#billsByUnit.keys()].flatMap((u) => this.bills(u));
	}

	/** The total billed for a period (YYYY-MM), every unit: the manager's day target. */
	billedFen(period: string): number {
		let sum = 0;
		for (const b of this.#bills.values()) if (b.period === period) sum += b.amountFen;
		return sum;
	}

	/** A unit's ledger, newest first. */
	entries(unitId: string): LedgerEntry[] {
		return [...(this.#ledgerByUnit.get(unitId) ?? [])].reverse();
	}

	entry(id: string): LedgerEntry | undefined {
		return this.#ledger.get(id);
	}

	byReceiptToken(token: string): LedgerEntry | undefined {
		return this.#byToken.get(token);
	}

	/** The void or refund that cancelled a payment, if any. */
	voidOf(entryId: string): LedgerEntry | undefined {
		return this.#voided.get(entryId);
	}

	/** One drawer's entries of one business day, in order. */
	drawerEntries(cashierId: string, day: string): LedgerEntry[] {
		return [...this.#ledger.values()].filter((e) => e.cashierId === cashierId && e.day === day);
	}

	/**
	 * How many bills and ledger entries there are. Both are append-only (a void is a new
	 * entry), so a change in these counts is a change in either: reports key a cache on it.
	 */
	counts(): { bills: number; entries: number } {
		return { bills: this.#bills.size, entries: this.#ledger.size };
	}

	/** Every bill issued, in the order issued (reports: balances at past days). */
	allBills(): IterableIterator<Bill> {
		return this.#bills.values();
	}

	/** Every ledger entry, in the order entered (reports). */
	allEntries(): IterableIterator<LedgerEntry> {
		return this.#ledger.values();
	}

	/** Every entry of the business days `from` to `to` (YYYY-MM-DD, inclusive), in order (exports). */
	*ledgerBetween(from: string, to: string): Generator<LedgerEntry> {
		for (const e of this.#ledger.values()) if (e.day >= from && e.day <= to) yield e;
	}

	/** Drawers that took or gave back money on a day. */
	drawersOn(day: string): Drawer[] {
		const seen = new Map<string, string>();
		for (const e of this.#ledger.values()) if (e.day === day) seen.set(e.cashierId, e.cashierName);
		return [...seen].map(([id, name]) => ({ id, name }));
	}

	today(): string {
		return dayKey(this.deps.clock.now(), this.deps.site.site.timeZone);
	}

	/**
	 * Records a payment of whole bills and gives it the next receipt number. QR payments are
	 * idempotent on the provider's transaction id: settling one twice returns the first entry.
	 */
	async pay(actor: Actor, input: PayInput): Promise<LedgerEntry> {
		const unit = this.unit(input.unitId);
		return this.#mutex.run(async () => {
			if (input.qr) {
				const known = this.#byTxn.get(`${input.qr.provider}:${input.qr.transactionId}`);
				if (known) return known;
			}
			const day = this.today();
			if (this.closes.isClosed(input.drawer.id, day)) {
				throw new FoyerError('error.dayClosed', { day }, 409);
			}
			const owed = new Map(this.unpaid(unit.id).map((b) => [b.id, b]));
			const chosen = [...new Set(input.billIds)].map((id) => owed.get(id));
			if (chosen.length === 0 || chosen.some((b) => !b)) {
				throw new FoyerError('error.billNotOwed', {}, 409);
			}
			const allocations = chosen.map((b) => ({ billId: b!.id, amountFen: b!.balanceFen }));
			const amountFen = allocations.reduce((s, a) => s + a.amountFen, 0);
			if (input.qr && input.qr.amountFen !== amountFen) {
				throw new FoyerError('error.amountMismatch', {}, 409);
			}
			let tenderedFen: number | null = null;
			let changeFen: number | null = null;
			if (input.method === 'cash') {
				tenderedFen = input.tenderedFen ?? amountFen;
				if (tenderedFen < amountFen) throw new FoyerError('error.tenderedTooLittle', {}, 400);
				changeFen = tenderedFen - amountFen;
			}
			const year = Number(day.slice(0, 4));
			const seq = (this.#lastSeq.get(year) ?? 0) + 1;
			// The number is taken only once the entry is on disk: a failed write leaves no gap.
			const entry = await this.ledgerLog.append({
				kind: 'payment',
				day,
				unitId: unit.id,
				method: input.method,
				amountFen,
				allocations,
				tenderedFen,
				changeFen,
				receiptYear: year,
				receiptSeq: seq,
				cashierId: input.drawer.id,
				cashierName: input.drawer.name,
				intentId: input.qr?.intentId ?? null,
				provider: input.qr?.provider ?? null,
				providerTxnId: input.qr?.transactionId ?? null,
				voidOf: null,
				reason: null,
				ticketId: input.ticketId ?? null,
				receiptToken: randomBytes(12).toString('base64url')
			});
			this.#addEntry(entry);
			await this.deps.audit.record(actor, 'fees.paid', entry.id, {
				unitId: unit.id,
				amountFen,
				method: input.method,
				receipt: receiptNumber({ receiptYear: year, receiptSeq: seq })
			});
			this.deps.events.emit('fees:changed', { unitId: unit.id, entry });
			return entry;
		});
	}

	/**
	 * Cancels a payment in full with a new entry that points at it (a void, or a refund for a QR
	 * payment, whose money `refund` gives back through the provider first). Managers only. The
	 * new entry is dated today: in the original drawer while that drawer's day of the payment
	 * is still open (so a same-day void nets out in its close), otherwise in the manager's own
	 * drawer (a closed day stays exactly as it was closed).
	 */
	async void(
		actor: Actor & object,
		manager: Drawer,
		input: unknown,
		refund?: (original: LedgerEntry) => Promise<void>
	): Promise<LedgerEntry> {
		const v = voidSchema.parse(input);
		return this.#mutex.run(async () => {
			const original = this.#ledger.get(v.entryId);
			if (!original || original.kind !== 'payment') {
				throw new FoyerError('error.entryNotFound', {}, 404);
			}
			if (this.#voided.has(original.id)) throw new FoyerError('error.alreadyVoided', {}, 409);
			const day = this.today();
			const locked = this.closes.isClosed(original.cashierId, original.day);
			const drawer = locked ? manager : { id: original.cashierId, name: original.cashierName };
			if (this.closes.isClosed(drawer.id, day)) {
				throw new FoyerError('error.dayClosed', { day }, 409);
			}
			const kind = original.method === 'qr' ? 'refund' : 'void';
			if (kind === 'refund') await refund?.(original);
			const entry = await this.ledgerLog.append({
				...original,
				kind,
				day,
				tenderedFen: null,
				changeFen: null,
				receiptYear: null,
				receiptSeq: null,
				cashierId: drawer.id,
				cashierName: drawer.name,
				voidOf: original.id,
				reason: v.reason,
				receiptToken: null
			});
			this.#addEntry(entry);
			await this.deps.audit.record(actor, `fees.${kind}ed`, entry.id, {
				of: original.id,
				reason: v.reason
			});
			this.deps.events.emit('fees:changed', { unitId: entry.unitId, entry });
			return entry;
		});
	}

	/** Closes a drawer's day: its figures are fixed and its entries locked from then on. */
	close(actor: Actor & object, drawer: Drawer, day: string) {
		return this.#mutex.run(() =>
			this.closes.close(actor, drawer, day, this.drawerEntries(drawer.id, day))
		);
	}

	/** Files a bill in memory; one already filed is left as it is (bills never change). */
	#addBill(b: Bill): void {
		if (this.#bills.has(b.id)) return;
		this.#bills.set(b.id, b);
		this.runs.keys.add(billKey(b));
		this.#byKey.set(billKey(b), b);
		const list = this.#billsByUnit.get(b.unitId) ?? [];
		list.push(b);
		this.#billsByUnit.set(b.unitId, list);
	}

	/** Files an entry in memory; one already filed is left as it is (entries never change). */
	#addEntry(e: LedgerEntry): void {
		if (this.#ledger.has(e.id)) return;
		this.#ledger.set(e.id, e);
		const list = this.#ledgerByUnit.get(e.unitId) ?? [];
		list.push(e);
		this.#ledgerByUnit.set(e.unitId, list);
		if (e.providerTxnId && e.kind === 'payment')
			this.#byTxn.set(`${e.provider}:${e.providerTxnId}`, e);
		if (e.receiptToken) this.#byToken.set(e.receiptToken, e);
		if (e.voidOf) this.#voided.set(e.voidOf, e);
		if (e.receiptYear !== null && e.receiptSeq !== null) {
			this.#lastSeq.set(
				e.receiptYear,
				Math.max(this.#lastSeq.get(e.receiptYear) ?? 0, e.receiptSeq)
			);
		}
	}
}
