import { FoyerError, isFoyerError } from '$lib/domain/errors';
import { receiptNumber, type LedgerEntry } from '$lib/domain/fees';
import { maskUnit } from '$lib/domain/masking';
import {
	paymentIntentSchema,
	type IntentFlag,
	type IntentView,
	type PaymentIntent
} from '$lib/domain/payment';
import type { Clock } from '$lib/domain/time';
import { translate, type Locale } from '$lib/i18n';
import type { DomainEventBus } from '../events';
import { Mutex } from '../mutex';
import type { IncomingNotification, OrderStatus, PaymentProvider } from '../payments/provider';
import { NotificationDesk, type NotificationReply } from './payment-notifications';
import type { RecordLog } from '../store/contract';
import type { FoyerStore } from '../store/contract';
import type { AuditService } from '../audit/audit';
import { KIOSK_DRAWER } from '$lib/domain/fees';
import type { FeesService } from './ledger';

export interface PaymentDeps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	fees: FeesService;
	provider: PaymentProvider;
	/** How long a QR can be paid (5 minutes by default). */
	expiryMs?: number;
	/** Ask the provider about a pending intent this long after it was made, and as often since. */
	queryEveryMs?: number;
	log?: (message: string, error: unknown) => void;
}

/**
 * QR payments. The kiosk opens an intent for chosen bills; the provider's notification (or, if
 * none arrives, a status query) settles it exactly once, keyed on the provider's transaction id.
 * Everything that can go wrong with money that did arrive is flagged for staff, never dropped.
 */
export class PaymentService {
	readonly #mutex = new Mutex();
	/** Intents that may still change (pending), and when the provider was last asked. */
	readonly #pending = new Map<string, number>();
	#timer: NodeJS.Timeout | null = null;
	readonly #notifications: NotificationDesk;

	private constructor(
		private readonly log: RecordLog<PaymentIntent>,
		private readonly deps: PaymentDeps
	) {
		this.#notifications = new NotificationDesk({
			provider: deps.provider,
			clock: deps.clock,
			audit: deps.audit,
			known: async (reference) => (await log.get(reference)) !== undefined,
			settle: (status) => this.settle(status, 'notification'),
			log: deps.log
		});
	}

	static async open(store: FoyerStore, deps: PaymentDeps): Promise<PaymentService> {
		const log = await store.collection('intents', (d) => paymentIntentSchema.parse(d));
		const p = new PaymentService(log, deps);
		// An intent lives minutes: yesterday's and today's files hold every one still open.
		for (const i of await log.recent(2)) if (i.status === 'pending') p.#pending.set(i.id, 0);
		return p;
	}

	get provider(): PaymentProvider {
		return this.deps.provider;
	}

	/** Opens a QR payment of a unit's chosen bills at a kiosk. */
	async create(input: {
		unitId: string;
		billIds: readonly string[];
		kioskId: string | null;
		origin: string;
		locale: Locale;
	}): Promise<PaymentIntent> {
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
		const created = await this.deps.provider.create({
			reference: id,
			amountFen,
			description: translate(input.locale, 'pay.description', { unit: maskUnit(unit) }),
			expiresAt,
			origin: input.origin
		});
		const intent = await this.log.append(
			{
				unitId: unit.id,
				billIds: ids,
				amountFen,
				provider: this.deps.provider.name,
				qrPayload: created.qrPayload,
				expiresAt: expiresAt.toISOString(),
				status: 'pending',
				kioskId: input.kioskId,
				origin: input.origin,
				locale: input.locale,
				transactionId: null,
				entryId: null,
				settledBy: null,
				flags: []
			},
			id
		);
		this.#pending.set(id, now.getTime());
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

	/** A provider's HTTP notification: verify, settle, and say what the provider expects back. */
	notify(n: IncomingNotification): Promise<NotificationReply> {
		return this.#notifications.receive(n);
	}

	/**
	 * Settles an intent from what the provider says, once. Returns false only when the payment
	 * cannot be accepted as it is (a wrong amount, an unknown order).
	 */
	settle(status: OrderStatus, via: 'notification' | 'query'): Promise<boolean> {
		return this.#mutex.run(async () => {
			if (status.state !== 'paid' || !status.transactionId) return true;
			const intent = await this.log.get(status.reference);
			if (!intent) return false;
			const txn = status.transactionId;
			if (intent.transactionId === txn || intent.flags.some((f) => f.transactionId === txn)) {
				return true; // a duplicate: already settled or already flagged
			}
			if (status.amountFen !== intent.amountFen) {
				await this.#flag(intent, 'amountMismatch', status, false);
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
			const paid = await this.#update(intent.id, {
				status: 'paid',
				transactionId: txn,
				entryId: entry.id,
				settledBy: via
			});
			this.#pending.delete(intent.id);
			await this.deps.audit.record(null, 'payment.settled', intent.id, { via, entry: entry.id });
			this.deps.events.emit('payment:updated', { intent: paid, view: this.view(paid) });
			this.deps.events.emit('payment:settled', { intent: paid, entry });
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
		await this.deps.provider.refund({
			reference: entry.intentId,
			transactionId: entry.providerTxnId,
			amountFen: entry.amountFen,
			reason
		});
	}

	/** Intents with money staff must still look at, newest first (the last `days` days). */
	async flagged(days = 31): Promise<PaymentIntent[]> {
		return (await this.log.recent(days))
			.filter((i) => i.flags.some((f) => !f.resolvedBy))
			.reverse();
	}

	/**
	 * Asks the provider about pending intents: settles those paid without a notification, and
	 * closes those past expiry. Runs every second once started; tests call it directly.
	 */
	async sweep(): Promise<void> {
		const now = this.deps.clock.now().getTime();
		const every = this.deps.queryEveryMs ?? 5_000;
		for (const [id, asked] of [...this.#pending]) {
			const intent = await this.log.get(id);
			if (!intent || intent.status !== 'pending') {
				this.#pending.delete(id);
				continue;
			}
			try {
				if (now >= Date.parse(intent.expiresAt)) {
					await this.#finishPending(intent, 'expired');
				} else if (now - asked >= every) {
					this.#pending.set(id, now);
					await this.settle(await this.deps.provider.query(id), 'query');
				}
			} catch (e) {
				this.deps.log?.(`Payment ${id}: asking the provider failed`, e);
			}
		}
	}

	start(): void {
		const tick = () => {
			void this.sweep().finally(() => {
				if (this.#timer) this.#timer = setTimeout(tick, 1000);
			});
		};
		this.#timer = setTimeout(tick, 1000);
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #finishPending(
		intent: PaymentIntent,
		outcome: 'cancelled' | 'expired'
	): Promise<PaymentIntent> {
		const final = await this.deps.provider.close(intent.id);
		if (final.state === 'paid') {
			await this.settle(final, 'query');
			return (await this.log.get(intent.id))!;
		}
		const done = await this.#mutex.run(async () => {
			const now = await this.log.get(intent.id);
			if (now?.status !== 'pending') return now!;
			return this.#update(intent.id, { status: outcome });
		});
		this.#pending.delete(intent.id);
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
		if (refund && status.amountFen) {
			refunded = await this.deps.provider
				.refund({
					reference: intent.id,
					transactionId: status.transactionId!,
					amountFen: status.amountFen,
					reason
				})
				.then(
					() => true,
					(e: unknown) => (this.deps.log?.(`Refund of ${intent.id} failed`, e), false)
				);
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
			...(intent.status === 'pending' ? { status: 'flagged' as const } : {})
		});
		this.#pending.delete(intent.id);
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
