import { FoyerError, isFoyerError } from '$lib/domain/errors';
import { receiptNumber, type LedgerEntry } from '$lib/domain/fees';
import { maskUnit } from '$lib/domain/masking';
import {
	paymentIntentSchema,
	type IntentFlag,
	type IntentRefund,
	type IntentView,
	type PaymentIntent
} from '$lib/domain/payment';
import type { Clock } from '$lib/domain/time';
import { translate, type Locale } from '$lib/i18n';
import type { DomainEventBus } from '../events';
import {
	ProviderError,
	type IncomingNotification,
	type OrderStatus,
	type PaymentProvider
} from '../payments/provider';
import { PaymentProviders } from '../payments/registry';
import { NotificationDesk, type NotificationReply } from './payment-notifications';
import { PaymentRefunds, type ReturnedTxn } from './payment-refunds';
import { PaymentSweep } from './payment-sweep';
import type { FoyerStore, RecordLog, SectionLock } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';
import { KIOSK_DRAWER } from '$lib/domain/fees';
import type { FeesService } from './ledger';

export interface PaymentDeps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	fees: FeesService;
	/** The providers (the sandbox and those enabled at the desk); or one provider alone (tests). */
	providers?: PaymentProviders;
	provider?: PaymentProvider;
	/** How long a QR can be paid (5 minutes by default). */
	expiryMs?: number | undefined;
	/**
	 * Ask the provider about a pending intent this long after it was made, and as often since,
	 * unless the provider sets its own pace (the real ones: every second, so that with no
	 * notification reaching a server behind NAT the kiosk still turns paid within 3 s). After a
	 * minute on screen the pace drops to a third: WeChat allows 150 queries a second per
	 * merchant, far above what a few kiosks ask. Default 5 s (the sandbox, which notifies).
	 */
	queryEveryMs?: number;
	log?: (message: string, error: unknown) => void;
	/** Told of every notification refused (bad signature, unknown order): the metrics. */
	rejected?: (provider: string, reason: string) => void;
}

/** Money a provider reports for one of Foyer's orders (reconciliation's actions). */
export interface ProviderMoney {
	provider: string;
	reference: string;
	transactionId: string;
	amountFen: number;
}

/**
 * QR payments. The kiosk opens an intent for chosen bills; the provider's notification (or, if
 * none arrives, a status query) settles it exactly once, keyed on the provider's transaction id.
 * Everything that can go wrong with money that did arrive is flagged for staff, never dropped.
 */
export class PaymentService {
	readonly #mutex: SectionLock;
	readonly #notifications: NotificationDesk;
	readonly #providers: PaymentProviders;
	readonly #refunds: PaymentRefunds;
	/** Asks the providers about pending intents and unconfirmed refunds. */
	readonly #sweep: PaymentSweep;

	private constructor(
		private readonly log: RecordLog<PaymentIntent>,
		private readonly deps: PaymentDeps,
		lock: SectionLock
	) {
		this.#mutex = lock;
		if (!deps.providers && !deps.provider) throw new Error('PaymentService needs a provider');
		this.#providers = deps.providers ?? new PaymentProviders(deps.provider!);
		this.#refunds = new PaymentRefunds({
			intents: log,
			mutex: this.#mutex,
			providerOf: (intent) => this.#providerOf(intent),
			clock: deps.clock,
			audit: deps.audit,
			events: deps.events,
			log: deps.log
		});
		this.#notifications = new NotificationDesk({
			clock: deps.clock,
			audit: deps.audit,
			known: async (reference, provider) => (await log.get(reference))?.provider === provider,
			settle: (status) => this.settle(status, 'notification'),
			log: deps.log,
			rejected: deps.rejected
		});
		this.#sweep = new PaymentSweep({
			intents: log,
			clock: deps.clock,
			providerOf: (intent) => this.#providerOf(intent),
			queryEveryMs: deps.queryEveryMs ?? 5_000,
			settle: (status) => this.settle(status, 'query'),
			expire: (intent) => this.#finishPending(intent, 'expired'),
			alsoAsk: (busy) => this.#refunds.sweep(busy),
			log: deps.log
		});
	}

	static async open(store: FoyerStore, deps: PaymentDeps): Promise<PaymentService> {
		const log = await store.collection('intents', (d) => paymentIntentSchema.parse(d));
		const p = new PaymentService(log, deps, store.lock('payments'));
		// An intent lives minutes: yesterday's and today's files hold every one still open.
		for (const i of await log.recent(2)) if (i.status === 'pending') p.#sweep.watch(i.id);
		// A refund is confirmed within minutes (days at worst): a week covers the unconfirmed ones.
		for (const i of await log.recent(7))
			if (i.refunds.some((r) => r.state === 'pending')) p.#refunds.watch(i.id);
		// Intents opened, and refunds asked for, through another server process: this one's
		// sweep asks about them too (the sweep runs where the clock-driven work runs).
		log.watch((i) => {
			if (i.status === 'pending') p.#sweep.follow(i.id);
			if (i.refunds.some((r) => r.state === 'pending')) p.#refunds.follow(i.id);
		});
		return p;
	}

	/** The providers: the kiosk's choices, and each intent's own provider by name. */
	get providers(): PaymentProviders {
		return this.#providers;
	}

	/** An intent's provider; one disabled since is still asked (its money is real). */
	#providerOf(intent: PaymentIntent): PaymentProvider {
		const p = this.#providers.get(intent.provider);
		if (!p) throw new FoyerError('error.paymentProviderUnknown', {}, 409);
		return p;
	}

	/** Opens a QR payment of a unit's chosen bills at a kiosk. */
	async create(input: {
		unitId: string;
		billIds: readonly string[];
		kioskId: string | null;
		origin: string;
		locale: Locale;
		/** The provider the resident chose; the first on offer if none. */
		provider?: string | undefined;
	}): Promise<PaymentIntent> {
		const choices = this.#providers.choices();
		const name = input.provider ?? choices[0]!;
		const provider = choices.includes(name) ? this.#providers.get(name) : undefined;
		if (!provider) throw new FoyerError('error.paymentProviderUnknown', {}, 409);
		const unit = this.deps.fees.unit(input.unitId);
		// Once the kiosks' drawer is closed for the day, nothing more may be taken into it.
		const today = this.deps.fees.today();
		if (this.deps.fees.closes.isClosed(KIOSK_DRAWER.id, today)) {
			throw new FoyerError('error.kioskClosed', {}, 409);
		}
		const owed = new Map(this.deps.fees.unpaid(unit.id).map((b) => [b.id, b]));
		const ids = [...new Set(input.billIds)];
		if (ids.length === 0) throw new FoyerError('error.noBillsChosen');
		const chosen = ids.map((id) => owed.get(id));
		if (chosen.some((b) => !b)) throw new FoyerError('error.billNotOwed', {}, 409);
		const amountFen = chosen.reduce((s, b) => s + b!.balanceFen, 0);
		const now = this.deps.clock.now();
		const expiresAt = new Date(now.getTime() + (this.deps.expiryMs ?? 5 * 60_000));
		const id = this.log.newId();
		const created = await provider
			.create({
				reference: id,
				amountFen,
				description: translate(input.locale, 'pay.description', { unit: maskUnit(unit) }),
				expiresAt,
				origin: input.origin
			})
			.catch((e: unknown) => {
				if (!(e instanceof ProviderError)) throw e;
				this.deps.log?.(`Payment ${id}: the provider refused the order`, e);
				throw new FoyerError('error.paymentProviderDown', {}, 503);
			});
		const intent = await this.log.append(
			{
				unitId: unit.id,
				billIds: ids,
				amountFen,
				provider: provider.name,
				qrPayload: created.qrPayload,
				expiresAt: expiresAt.toISOString(),
				status: 'pending',
				kioskId: input.kioskId,
				origin: input.origin,
				locale: input.locale,
				transactionId: null,
				entryId: null,
				settledBy: null,
				flags: [],
				refunds: []
			},
			id
		);
		this.#sweep.watch(id, now.getTime());
		await this.deps.audit.record(null, 'payment.created', id, { unitId: unit.id, amountFen });
		return intent;
	}

	get(id: string): Promise<PaymentIntent | undefined> {
		return this.log.get(id);
	}

	/** What the kiosk may see of an intent. */
	view(intent: PaymentIntent): IntentView {
		const entry = intent.entryId ? this.deps.fees.entry(intent.entryId) : undefined;
		return {
			id: intent.id,
			status: intent.status,
			amountFen: intent.amountFen,
			provider: intent.provider,
			expiresAt: intent.expiresAt,
			qrPayload: intent.status === 'pending' ? intent.qrPayload : null,
			receiptNo: entry ? receiptNumber(entry) : null,
			receiptToken: entry?.receiptToken ?? null
		};
	}

	/** The resident cancels (or the kiosk resets): the provider closes the order first, so a
	 * payment made at that very moment is settled rather than lost. */
	async cancel(id: string, unitId: string): Promise<PaymentIntent> {
		const intent = await this.log.get(id);
		if (!intent || intent.unitId !== unitId) throw new FoyerError('error.intentNotFound', {}, 404);
		if (intent.status !== 'pending') return intent;
		return this.#finishPending(intent, 'cancelled');
	}

	/** A provider's HTTP notification: verify, settle, and say what the provider expects back.
	 * Undefined for a provider Foyer does not have. */
	notify(providerName: string, n: IncomingNotification): Promise<NotificationReply> | undefined {
		const provider = this.#providers.get(providerName);
		return provider && this.#notifications.receive(provider, n);
	}

	/**
	 * Settles an intent from what the provider says, once. Returns false only when the payment
	 * cannot be accepted as it is (a wrong amount, an unknown order).
	 */
	settle(status: OrderStatus, via: 'notification' | 'query'): Promise<boolean> {
		return this.#mutex.run(async () => {
			if (status.refund) {
				await this.#refunds.done(status.reference, status.refund, 'notification');
				return true;
			}
			if (status.state !== 'paid' || !status.transactionId) return true;
			const intent = await this.log.get(status.reference);
			if (!intent) return false;
			const txn = status.transactionId;
			if (intent.transactionId === txn || intent.flags.some((f) => f.transactionId === txn)) {
				return true; // a duplicate: already settled or already flagged
			}
			if (status.amountFen !== intent.amountFen) {
				// Not what the bills cost: never booked, and given back whole (staff see the flag).
				await this.#flag(intent, 'amountMismatch', status, true);
				return false;
			}
			if (intent.status !== 'pending') {
				// Paid after cancel or expiry, or paid twice: the money goes back.
				const reason = intent.status === 'paid' ? 'doublePayment' : 'latePayment';
				await this.#flag(intent, reason, status, true);
				return true;
			}
			let entry: LedgerEntry;
			try {
				entry = await this.deps.fees.pay(null, {
					unitId: intent.unitId,
					billIds: intent.billIds,
					method: 'qr',
					drawer: KIOSK_DRAWER,
					qr: {
						intentId: intent.id,
						provider: intent.provider,
						transactionId: txn,
						amountFen: status.amountFen
					}
				});
			} catch (e) {
				// The bills were paid some other way meanwhile (at the desk): give this back.
				if (isFoyerError(e) && e.key === 'error.billNotOwed') {
					await this.#flag(intent, 'doublePayment', status, true);
					return true;
				}
				// The kiosks' drawer was closed for the day while this QR was showing: the closed day
				// takes nothing more, and no later try would change that, so the money goes back.
				if (isFoyerError(e) && e.key === 'error.dayClosed') {
					await this.#flag(intent, 'drawerClosed', status, true);
					return true;
				}
				// Anything else (a failed write): not settled, and the provider, told so, sends the
				// notification again; the status query tries too.
				throw e;
			}
			await this.#booked(null, intent, txn, entry, via);
			return true;
		});
	}

	/** Staff dealt with a flagged payment (refunded by hand, settled at the desk, …). */
	async resolveFlags(actor: { id: string; username: string }, id: string): Promise<PaymentIntent> {
		return this.#mutex.run(async () => {
			const intent = await this.log.get(id);
			if (!intent) throw new FoyerError('error.intentNotFound', {}, 404);
			const next = await this.#update(id, {
				flags: intent.flags.map((f) => (f.resolvedBy ? f : { ...f, resolvedBy: actor.username }))
			});
			await this.deps.audit.record(actor, 'payment.flagResolved', id, {});
			this.deps.events.emit('payment:flagged', next);
			return next;
		});
	}

	/** Gives a settled QR payment's money back (a manager's void of it). */
	async refund(entry: LedgerEntry, reason: string): Promise<void> {
		if (!entry.providerTxnId || !entry.intentId) throw new FoyerError('error.entryNotFound');
		const intent = await this.log.get(entry.intentId);
		if (!intent) throw new FoyerError('error.intentNotFound', {}, 404);
		// A provider that refuses throws here, and the void is not written.
		await this.#refunds.give(null, intent, entry.providerTxnId, entry.amountFen, reason);
	}

	/**
	 * Books money the provider took that Foyer never booked (reconciliation's "at the provider
	 * only"): a payment of the intent's bills, if they are still unpaid. Audited as staff's.
	 */
	async book(actor: Actor, money: ProviderMoney): Promise<LedgerEntry> {
		return this.#mutex.run(async () => {
			const intent = await this.log.get(money.reference);
			if (!intent || intent.provider !== money.provider)
				throw new FoyerError('error.reconNoIntent', {}, 409);
			if (intent.transactionId) throw new FoyerError('error.reconAlreadyBooked', {}, 409);
			const entry = await this.deps.fees.pay(actor, {
				unitId: intent.unitId,
				billIds: intent.billIds,
				method: 'qr',
				drawer: KIOSK_DRAWER,
				qr: {
					intentId: intent.id,
					provider: money.provider,
					transactionId: money.transactionId,
					amountFen: money.amountFen
				}
			});
			await this.#booked(actor, intent, money.transactionId, entry, 'reconciliation');
			return entry;
		});
	}

	/** Gives back money the provider took that Foyer never booked (reconciliation). */
	async giveBack(actor: Actor, money: ProviderMoney, reason: string): Promise<void> {
		const intent = await this.log.get(money.reference);
		if (!intent || intent.provider !== money.provider)
			throw new FoyerError('error.reconNoIntent', {}, 409);
		if (intent.transactionId === money.transactionId)
			throw new FoyerError('error.reconAlreadyBooked', {}, 409);
		await this.#refunds.give(actor, intent, money.transactionId, money.amountFen, reason);
	}

	/** What Foyer flagged and gave back, per transaction (reconciliation counts it refunded). */
	returned(provider: string, days = 31): Promise<ReturnedTxn[]> {
		return this.#refunds.returned(provider, days);
	}

	/**
	 * Paid intents whose receipt is still owed (receipt-outbox.ts): settled, but the process
	 * that settled them did not record the print job — it died first, or is about to record it.
	 */
	async owedReceipts(): Promise<PaymentIntent[]> {
		return (await this.log.recent(2)).filter((i) => i.status === 'paid' && i.receipt === 'owed');
	}

	/** An owed receipt's print job is recorded (`queued`), or there is no printer for it. */
	async receiptDone(id: string, state: 'queued' | 'none'): Promise<void> {
		await this.log.update(id, (i) => (i.receipt === 'owed' ? { ...i, receipt: state } : i));
	}

	/** Intents with money staff must still look at, newest first (the last `days` days). */
	async flagged(days = 31): Promise<PaymentIntent[]> {
		return (await this.log.recent(days))
			.filter((i) => i.flags.some((f) => !f.resolvedBy))
			.reverse();
	}

	/**
	 * Asks the provider about pending intents: settles those paid without a notification, and
	 * closes those past expiry. Runs every 250 ms once started; tests call it directly.
	 */
	sweep(): Promise<void> {
		return this.#sweep.sweep();
	}

	start(): void {
		this.#sweep.start();
	}

	stop(): void {
		this.#sweep.stop();
	}

	/** A payment booked in the ledger for an intent: the intent is paid, audited, and told. */
	async #booked(
		actor: Actor,
		intent: PaymentIntent,
		transactionId: string,
		entry: LedgerEntry,
		settledBy: 'notification' | 'query' | 'reconciliation'
	): Promise<void> {
		const paid = await this.#update(intent.id, {
			status: 'paid',
			transactionId,
			entryId: entry.id,
			settledBy,
			receipt: 'owed'
		});
		this.#sweep.forget(intent.id);
		// Settled by what the provider said, or booked by staff from a reconciliation row.
		if (settledBy === 'reconciliation') {
			await this.deps.audit.record(actor, 'payment.booked', intent.id, { entry: entry.id });
		} else {
			await this.deps.audit.record(null, 'payment.settled', intent.id, {
				via: settledBy,
				entry: entry.id
			});
		}
		this.deps.events.emit('payment:updated', { intent: paid, view: this.view(paid) });
		this.deps.events.emit('payment:settled', { intent: paid, entry });
	}

	async #finishPending(
		intent: PaymentIntent,
		outcome: 'cancelled' | 'expired'
	): Promise<PaymentIntent> {
		const final = await this.#providerOf(intent).close(intent.id);
		if (final.state === 'paid') {
			await this.settle(final, 'query');
			return (await this.log.get(intent.id))!;
		}
		const done = await this.#mutex.run(async () => {
			const now = await this.log.get(intent.id);
			if (now?.status !== 'pending') return now!;
			return this.#update(intent.id, { status: outcome });
		});
		this.#sweep.forget(intent.id);
		if (done.status === outcome) {
			await this.deps.audit.record(null, `payment.${outcome}`, intent.id, {});
			this.deps.events.emit('payment:updated', { intent: done, view: this.view(done) });
		}
		return done;
	}

	async #flag(
		intent: PaymentIntent,
		reason: IntentFlag['reason'],
		status: OrderStatus,
		refund: boolean
	): Promise<void> {
		let refunded: boolean | null = null;
		let asked: IntentRefund | null = null;
		if (refund && status.amountFen) {
			asked = await this.#refunds
				.ask(intent, status.transactionId!, status.amountFen, reason)
				.catch((e: unknown) => (this.deps.log?.(`Refund of ${intent.id} failed`, e), null));
			refunded = asked !== null;
		}
		const flag: IntentFlag = {
			reason,
			at: this.deps.clock.now().toISOString(),
			transactionId: status.transactionId!,
			amountFen: status.amountFen,
			refunded,
			resolvedBy: null
		};
		const next = await this.#update(intent.id, {
			flags: [...intent.flags, flag],
			refunds: asked ? [...intent.refunds, asked] : intent.refunds,
			...(intent.status === 'pending' ? { status: 'flagged' as const } : {})
		});
		this.#sweep.forget(intent.id);
		await this.deps.audit.record(null, 'payment.flagged', intent.id, { reason, refunded });
		this.deps.events.emit('payment:flagged', next);
		if (next.status !== intent.status) {
			this.deps.events.emit('payment:updated', { intent: next, view: this.view(next) });
		}
	}

	async #update(id: string, change: Partial<PaymentIntent>): Promise<PaymentIntent> {
		const next = await this.log.update(id, (i) => ({ ...i, ...change }));
		if (!next) throw new Error(`intent ${id} vanished`);
		return next;
	}
}
