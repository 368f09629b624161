import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import { KIOSK_DRAWER, type LedgerEntry } from '$lib/domain/fees';
import { demand, type Acting } from '$lib/domain/permissions';
import { reconcile, type BookedTxn, type ReconRow } from '$lib/domain/reconciliation';
import { dayKey, type Clock } from '$lib/domain/time';
import type { AuditService } from '../audit/audit';
import type { PaymentProviders } from '../payments/registry';
import type { Doc, FoyerStore } from '../store/contract';
import type { FeesService } from './ledger';
import type { PaymentService } from './payments';

const rowSchema = z.object({
	provider: z.string(),
	transactionId: z.string(),
	reference: z.string(),
	status: z.enum(['matched', 'providerOnly', 'foyerOnly', 'differs']),
	providerPaidFen: z.number(),
	providerRefundedFen: z.number(),
	foyerPaidFen: z.number(),
	foyerRefundedFen: z.number(),
	resolution: z.object({ by: z.string(), note: z.string(), at: z.string() }).nullable()
});
const daySchema = z.object({
	day: z.string(),
	ranAt: z.string(),
	rows: z.array(rowSchema),
	/** Providers whose bill could not be fetched, and why (in the provider's words). */
	failures: z.array(z.object({ provider: z.string(), detail: z.string() }))
});
const docSchema = z.object({ days: z.array(daySchema) });
export type DayReconciliation = z.infer<typeof daySchema>;

/** How many days of results are kept. */
const KEEP_DAYS = 62;

/**
 * The daily reconciliation with each enabled provider's trade bill. Runs by itself each morning
 * for the day before (bills are ready from about 9:00 China time) once a provider is enabled;
 * staff may run it again for any day, export it, and resolve each difference with a note.
 */
export class Reconciliation {
	#timer: NodeJS.Timeout | null = null;

	private constructor(
		private readonly doc: Doc<z.infer<typeof docSchema>>,
		private readonly o: {
			clock: Clock;
			audit: AuditService;
			fees: FeesService;
			providers: PaymentProviders;
			/** Books or gives back money found at a provider only; says what Foyer gave back. */
			payments?: Pick<PaymentService, 'book' | 'giveBack' | 'returned'>;
			timeZone: () => string;
			log?: (m: string, e: unknown) => void;
		}
	) {}

	static async open(store: FoyerStore, o: Reconciliation['o']): Promise<Reconciliation> {
		const doc = await store.doc('reconciliation', {
			defaults: { days: [] },
			parse: (d) => docSchema.parse(d)
		});
		return new Reconciliation(doc, o);
	}

	/** The stored result for a day, if it was run. */
	get(day: string): DayReconciliation | null {
		return this.doc.data.days.find((d) => d.day === day) ?? null;
	}

	/** Fetches each enabled provider's bill for `day` and matches it; keeps resolutions made. */
	async run(who: Acting | null, day: string): Promise<DayReconciliation> {
		if (who) demand(who.roles, 'payments.reconcile');
		const entries = this.o.fees.drawerEntries(KIOSK_DRAWER.id, day);
		const previous = this.get(day);
		const rows: ReconRow[] = [];
		const failures: DayReconciliation['failures'] = [];
		for (const p of this.o.providers.real()) {
			if (!p.bill) continue;
			try {
				const bill = await p.bill(day);
				// Money Foyer flagged and gave back is on the bill as paid and refunded: it is
				// counted as such, not as money Foyer missed.
				const onBill = new Set(bill.map((l) => l.transactionId));
				const returned = ((await this.o.payments?.returned(p.name)) ?? [])
					.filter((r) => onBill.has(r.transactionId))
					.map((r) => ({ ...r, entryId: '' }));
				rows.push(...reconcile(p.name, bill, [...booked(entries, p.name), ...returned]));
			} catch (e) {
				failures.push({ provider: p.name, detail: String((e as Error).message).slice(0, 200) });
			}
		}
		for (const r of rows) {
			const before = previous?.rows.find(
				(x) => x.provider === r.provider && x.transactionId === r.transactionId
			);
			if (before?.resolution && r.status !== 'matched') r.resolution = before.resolution;
		}
		const result: DayReconciliation = {
			day,
			ranAt: this.o.clock.now().toISOString(),
			rows,
			failures
		};
		await this.doc.update((d) => {
			d.days = [...d.days.filter((x) => x.day !== day), result]
				.sort((a, b) => a.day.localeCompare(b.day))
				.slice(-KEEP_DAYS);
		});
		const differences = rows.filter((r) => r.status !== 'matched').length;
		await this.o.audit.record(who, 'payments.reconciled', day, {
			rows: rows.length,
			differences,
			failures: failures.length
		});
		return result;
	}

	/**
	 * Money at the provider only, dealt with for real: `book` enters it in the ledger as the
	 * payment of its order's bills (if they are still unpaid), `refund` gives it back through the
	 * provider (managers only, as every refund). The row is then resolved with the note.
	 */
	async act(
		who: Acting,
		day: string,
		provider: string,
		transactionId: string,
		action: 'book' | 'refund',
		note: string
	): Promise<DayReconciliation> {
		demand(who.roles, action === 'refund' ? 'fees.refund' : 'payments.reconcile');
		const row = this.#row(day, provider, transactionId, note);
		if (row.status !== 'providerOnly' || !this.o.payments)
			throw new FoyerError('error.reconRowNotFound', {}, 404);
		const money = {
			provider,
			reference: row.reference,
			transactionId,
			amountFen: row.providerPaidFen - row.providerRefundedFen
		};
		if (money.amountFen <= 0) throw new FoyerError('error.reconNothingLeft', {}, 409);
		if (action === 'book') await this.o.payments.book(who, money);
		else await this.o.payments.giveBack(who, money, 'reconciliation');
		return this.resolve(who, day, provider, transactionId, note);
	}

	#row(day: string, provider: string, transactionId: string, note: string): ReconRow {
		const text = note.trim();
		if (!text || text.length > 500) throw new FoyerError('error.reconNote', {}, 400, 'note');
		const row = this.get(day)?.rows.find(
			(r) => r.provider === provider && r.transactionId === transactionId
		);
		if (!row || row.status === 'matched' || row.resolution)
			throw new FoyerError('error.reconRowNotFound', {}, 404);
		return row;
	}

	/** Staff resolve one difference (booked by hand, refunded, explained) with a note. */
	async resolve(
		who: Acting,
		day: string,
		provider: string,
		transactionId: string,
		note: string
	): Promise<DayReconciliation> {
		demand(who.roles, 'payments.reconcile');
		const text = note.trim();
		const row = this.#row(day, provider, transactionId, note);
		await this.doc.update((d) => {
			const r = d.days
				.find((x) => x.day === day)!
				.rows.find((x) => x.provider === provider && x.transactionId === transactionId)!;
			r.resolution = { by: who.username, note: text, at: this.o.clock.now().toISOString() };
		});
		await this.o.audit.record(who, 'payments.reconResolved', `${provider}:${transactionId}`, {
			day,
			status: row.status,
			note: text
		});
		return this.get(day)!;
	}

	/**
	 * Each morning (from 9:30 China time, when both providers' bills are ready) reconciles the
	 * day before, once, if a provider is enabled. Checked every 10 minutes on the injectable clock.
	 */
	async tick(): Promise<void> {
		if (this.o.providers.real().length === 0) return;
		const now = this.o.clock.now();
		const local = new Date(now.getTime() + 8 * 3600_000);
		if (local.getUTCHours() * 60 + local.getUTCMinutes() < 9 * 60 + 30) return;
		const yesterday = dayKey(new Date(now.getTime() - 24 * 3600_000), this.o.timeZone());
		if (this.get(yesterday)) return;
		await this.run(null, yesterday).catch((e: unknown) => this.o.log?.('Reconciliation failed', e));
	}

	start(): void {
		const loop = () => {
			void this.tick().finally(() => {
				if (this.#timer) this.#timer = setTimeout(loop, 10 * 60_000);
			});
		};
		this.#timer = setTimeout(loop, 5_000);
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

/** What the kiosk drawer booked with one provider on a day, per transaction. */
function booked(entries: readonly LedgerEntry[], provider: string): BookedTxn[] {
	const byId = new Map(entries.map((e) => [e.id, e]));
	const txns = new Map<string, BookedTxn>();
	for (const e of entries) {
		if (e.kind === 'payment' && e.provider === provider && e.providerTxnId) {
			txns.set(e.providerTxnId, {
				transactionId: e.providerTxnId,
				reference: e.intentId ?? '',
				entryId: e.id,
				paidFen: e.amountFen,
				refundedFen: 0
			});
		}
	}
	for (const e of entries) {
		if (e.kind === 'payment' || !e.voidOf) continue;
		const original = byId.get(e.voidOf);
		const t = original?.providerTxnId ? txns.get(original.providerTxnId) : undefined;
		if (t) t.refundedFen += e.amountFen;
	}
	return [...txns.values()];
}
