import type { IntentRefund, PaymentIntent } from '$lib/domain/payment';
import type { Clock } from '$lib/domain/time';
import type { Actor, AuditService } from '../audit/audit';
import type { DomainEventBus } from '../events';
import type { PaymentProvider } from '../payments/provider';
import type { RecordLog, SectionLock } from '../store/contract';

/** A transaction Foyer flagged and gave back: what was paid, and what went back. */
export interface ReturnedTxn {
	transactionId: string;
	reference: string;
	paidFen: number;
	refundedFen: number;
}

/**
 * Money given back through the providers, kept on each intent until confirmed. Providers accept a
 * refund first and complete it later (WeChat: PROCESSING → SUCCESS), so a refund is `pending`
 * until the provider's refund query, asked every second by the payments' sweep, or its refund
 * notification says it succeeded or failed. PaymentService owns the intents; this shares its
 * mutex so a refund's record never interleaves with a settlement of the same intent.
 */
export class PaymentRefunds {
	/** Intents with a refund not confirmed yet, and when the provider was last asked. */
	readonly #waiting = new Map<string, number>();

	constructor(
		private readonly o: {
			intents: RecordLog<PaymentIntent>;
			mutex: SectionLock;
			providerOf: (intent: PaymentIntent) => PaymentProvider;
			clock: Clock;
			audit: AuditService;
			events: DomainEventBus;
			/** How often to ask about a pending refund (1 s). */
			everyMs?: number;
			log?: ((message: string, error: unknown) => void) | undefined;
		}
	) {}

	/** Asks about this intent's pending refunds from now on (at start, for older ones). */
	watch(id: string): void {
		this.#waiting.set(id, 0);
	}

	/** Asks about this intent's pending refunds, unless it is asked about already. */
	follow(id: string): void {
		if (!this.#waiting.has(id)) this.#waiting.set(id, 0);
	}

	/** Asks the provider to give money back; returns the refund to record (pending, usually). */
	async ask(
		intent: PaymentIntent,
		transactionId: string,
		amountFen: number,
		reason: string
	): Promise<IntentRefund> {
		const provider = this.o.providerOf(intent);
		const { refundId } = await provider.refund({
			reference: intent.id,
			transactionId,
			amountFen,
			reason
		});
		// A provider with no refund query (the sandbox) is taken at its word.
		const confirmed = !provider.refundStatus;
		if (!confirmed) this.watch(intent.id);
		const now = this.o.clock.now().toISOString();
		return {
			refundId,
			transactionId,
			amountFen,
			reason,
			at: now,
			state: confirmed ? 'succeeded' : 'pending',
			doneAt: confirmed ? now : null,
			doneBy: confirmed ? 'query' : null
		};
	}

	/** Asks for a refund and records it on the intent, audited as `actor`'s (null: Foyer's). */
	async give(
		actor: Actor,
		intent: PaymentIntent,
		transactionId: string,
		amountFen: number,
		reason: string
	): Promise<void> {
		const refund = await this.ask(intent, transactionId, amountFen, reason);
		await this.o.mutex.run(() =>
			this.o.intents.update(intent.id, (i) => ({ ...i, refunds: [...i.refunds, refund] }))
		);
		await this.o.audit.record(actor, 'payment.refundAsked', intent.id, {
			refundId: refund.refundId,
			amountFen: refund.amountFen
		});
	}

	/** The provider says a refund is done or failed: recorded once, audited. Caller holds the mutex. */
	async done(
		id: string,
		outcome: { refundId: string; state: 'succeeded' | 'failed' },
		via: 'query' | 'notification'
	): Promise<void> {
		const intent = await this.o.intents.get(id);
		const refund = intent?.refunds.find((r) => r.refundId === outcome.refundId);
		if (!intent || !refund || refund.state !== 'pending') return;
		const doneAt = this.o.clock.now().toISOString();
		const next = await this.o.intents.update(id, (i) => ({
			...i,
			refunds: i.refunds.map((r) =>
				r.refundId === refund.refundId ? { ...r, state: outcome.state, doneAt, doneBy: via } : r
			)
		}));
		if (!next?.refunds.some((r) => r.state === 'pending')) this.#waiting.delete(id);
		const action =
			outcome.state === 'succeeded' ? 'payment.refundSucceeded' : 'payment.refundFailed';
		await this.o.audit.record(null, action, id, { refundId: refund.refundId, via });
		if (next) this.o.events.emit('payment:flagged', next);
	}

	/** One question per intent with pending refunds, skipping those in `asking` (shared). */
	sweep(asking: Set<string>): Promise<void>[] {
		const asks: Promise<void>[] = [];
		for (const id of [...this.#waiting.keys()]) {
			const key = `refund:${id}`;
			if (asking.has(key)) continue;
			asking.add(key);
			asks.push(this.#askAbout(id).finally(() => asking.delete(key)));
		}
		return asks;
	}

	async #askAbout(id: string): Promise<void> {
		const now = this.o.clock.now().getTime();
		if (now - (this.#waiting.get(id) ?? 0) < (this.o.everyMs ?? 1_000)) return;
		this.#waiting.set(id, now);
		try {
			const intent = await this.o.intents.get(id);
			// A provider no longer known cannot be asked: stop, rather than fail every second.
			let provider: PaymentProvider | undefined;
			try {
				provider = intent && this.o.providerOf(intent);
			} catch {
				provider = undefined;
			}
			if (!intent || !provider?.refundStatus) return void this.#waiting.delete(id);
			for (const r of intent.refunds.filter((x) => x.state === 'pending')) {
				const state = await provider.refundStatus({ reference: id, refundId: r.refundId });
				if (state !== 'pending')
					await this.o.mutex.run(() => this.done(id, { refundId: r.refundId, state }, 'query'));
			}
		} catch (e) {
			this.o.log?.(`Payment ${id}: asking about its refund failed`, e);
		}
	}

	/**
	 * Money a provider took that Foyer flagged and gave back rather than booked (late, double,
	 * wrong amount), per transaction: reconciliation counts it as refunded, not as missed.
	 */
	async returned(provider: string, days: number): Promise<ReturnedTxn[]> {
		const out: ReturnedTxn[] = [];
		for (const i of await this.o.intents.recent(days)) {
			if (i.provider !== provider) continue;
			for (const f of i.flags) {
				if (!f.amountFen || f.transactionId === i.transactionId) continue;
				const refundedFen = i.refunds
					.filter((r) => r.transactionId === f.transactionId && r.state !== 'failed')
					.reduce((s, r) => s + r.amountFen, 0);
				out.push({
					transactionId: f.transactionId,
					reference: i.id,
					paidFen: f.amountFen,
					refundedFen
				});
			}
		}
		return out;
	}
}
