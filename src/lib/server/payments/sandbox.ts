import type { Clock } from '$lib/domain/time';
import { Mutex } from '../mutex';
import type { SectionLock } from '../store/contract';
import type {
	CreateOrder,
	CreatedOrder,
	IncomingNotification,
	OrderStatus,
	PaymentProvider
} from './provider';
import { DEFAULT_RETRY_DELAYS_MS, Notifier, realTimers, type Timers } from './sandbox-notifier';
import {
	checkPayable,
	checkRefund,
	newDigitId,
	newSandboxOrder,
	qrPayload,
	SandboxError,
	statusOf
} from './sandbox-orders';
import {
	DEFAULT_TOLERANCE_MS,
	notificationBody,
	sandboxOrderSchema,
	sandboxReply,
	verifySandboxNotification,
	type SandboxOrder
} from './sandbox-protocol';

export { isSandboxError, SandboxError, type SandboxErrorCode } from './sandbox-orders';
export {
	notificationBody,
	sandboxOrderSchema,
	signNotification,
	SANDBOX_HEADERS,
	SANDBOX_SERIAL,
	type SandboxOrder,
	type SandboxRefund
} from './sandbox-protocol';
export { DEFAULT_RETRY_DELAYS_MS, type Timers } from './sandbox-notifier';

export interface SandboxOptions {
	clock: Clock;
	/** Key the notifications are signed (HMAC-SHA256) and verified with. */
	secret: string;
	fetch?: typeof fetch;
	timers?: Timers;
	/** Waits before each re-send of a notification not answered 2xx; then it gives up. */
	retryDelaysMs?: readonly number[];
	/**
	 * Keeps the orders across a restart, and shares them between server processes: load() is
	 * read whenever an order is looked up, save(order) is awaited before any change is reported.
	 */
	persist?: { load(): SandboxOrder[]; save(order: SandboxOrder): Promise<void> };
	/** Serialises check-then-write (pay once): across processes when several share the orders. */
	lock?: SectionLock;
	/** A notification whose timestamp is further than this from the clock is stale (5 min). */
	toleranceMs?: number;
	/** One notification attempt is abandoned after this long (default 10 s). */
	requestTimeoutMs?: number;
	/** Told of failed and abandoned deliveries (default console.warn). */
	log?: (message: string, error?: unknown) => void;
}

/**
 * A QR payment provider that needs no merchant account: it plays the provider's servers. It
 * keeps the orders, its QR opens Foyer's phone page (/pay/sandbox/<reference>), and paying there
 * sends Foyer a signed notification in WeChat Pay v3's shape (see sandbox-protocol.ts), re-sent
 * until answered 2xx. Foyer verifies it exactly as it would a real provider's.
 */
export class SandboxProvider implements PaymentProvider {
	readonly name = 'sandbox';
	readonly #memory = new Map<string, SandboxOrder>();
	// Check-then-write (pay once, refund at most what is left) must not interleave with a save.
	readonly #mutex: SectionLock;
	readonly #notifier: Notifier;

	constructor(private readonly o: SandboxOptions) {
		this.#mutex = o.lock ?? new Mutex();
		for (const order of o.persist?.load() ?? []) sandboxOrderSchema.parse(order);
		this.#notifier = new Notifier({
			clock: o.clock,
			secret: o.secret,
			fetch: o.fetch ?? globalThis.fetch,
			timers: o.timers ?? realTimers,
			retryDelaysMs: o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
			requestTimeoutMs: o.requestTimeoutMs ?? 10_000,
			log: o.log ?? ((message, error) => console.warn(message, error ?? ''))
		});
	}

	/** Opens an order; opening the same reference again with the same amount is a no-op. */
	create(input: CreateOrder): Promise<CreatedOrder> {
		return this.#mutex.run(async () => {
			const known = this.#order(input.reference);
			if (known && known.amountFen !== input.amountFen) {
				throw new SandboxError(
					'conflict',
					`sandbox order ${input.reference} has ${known.amountFen} fen, not ${input.amountFen}`
				);
			}
			if (known) return { qrPayload: qrPayload(known) };
			const order = newSandboxOrder(input);
			await this.#commit(order);
			return { qrPayload: qrPayload(order) };
		});
	}

	/** The stored order (a copy), for the phone page. */
	order(reference: string): SandboxOrder | undefined {
		const order = this.#order(reference);
		return order && structuredClone(order);
	}

	/**
	 * What the phone page's "confirm payment" does: takes the money and (unless notify is
	 * false) starts notifying Foyer. Resolves once the paid order is saved and the first
	 * notification attempt has been started, not answered: the phone learns the outcome from
	 * Foyer, as with a real provider, and re-sends happen in the background. Throws
	 * SandboxError unknown / alreadyPaid / closed / expired.
	 */
	async pay(reference: string, options: { notify?: boolean } = {}): Promise<SandboxOrder> {
		const paid = await this.#mutex.run(async () => {
			const now = this.o.clock.now();
			const order = checkPayable(reference, this.#order(reference), now);
			const taken = new Set(this.#all().flatMap((o) => o.transactionId ?? []));
			const next: SandboxOrder = {
				...order,
				state: 'paid',
				// WeChat's transaction ids: 28 digits starting 4200.
				transactionId: newDigitId('4200', 24, taken),
				// WeChat reports success_time in whole seconds; keep query and notification equal.
				paidAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString()
			};
			await this.#commit(next);
			return next;
		});
		if (options.notify ?? true) this.notify(reference);
		return structuredClone(paid);
	}

	/**
	 * Starts sending the payment notification of a paid order (again), under a new notification
	 * id, as a provider does for a payment it considers unacknowledged. Throws notPaid.
	 */
	notify(reference: string): void {
		const order = this.#order(reference);
		if (order?.state !== 'paid') throw new SandboxError('notPaid', `${reference} is not paid`);
		const body = notificationBody(order, { createTime: this.o.clock.now() });
		this.#notifier.send(`${order.origin}/api/payments/notify/sandbox`, body);
	}

	verifyNotification(n: IncomingNotification): OrderStatus {
		// Signature alone, never the order table: a real provider's word comes only from the wire.
		return verifySandboxNotification(n, {
			secret: this.o.secret,
			now: this.o.clock.now(),
			toleranceMs: this.o.toleranceMs ?? DEFAULT_TOLERANCE_MS
		});
	}

	query(reference: string): Promise<OrderStatus> {
		return Promise.resolve(statusOf(reference, this.#order(reference), this.o.clock.now()));
	}

	/** Closes a pending order (paid stays paid, unknown reports closed); the final status. */
	close(reference: string): Promise<OrderStatus> {
		return this.#mutex.run(async () => {
			const order = this.#order(reference);
			if (order?.state === 'pending') await this.#commit({ ...order, state: 'closed' });
			return statusOf(reference, this.#order(reference), this.o.clock.now());
		});
	}

	/** Refunds part or all of a paid order; throws SandboxError when the refund does not fit. */
	refund(input: {
		reference: string;
		transactionId: string;
		amountFen: number;
		reason: string;
	}): Promise<{ refundId: string }> {
		return this.#mutex.run(async () => {
			const order = checkRefund(this.#order(input.reference), input);
			const taken = new Set(this.#all().flatMap((o) => o.refunds.map((r) => r.refundId)));
			// WeChat's refund ids: 29 digits starting 50.
			const refundId = newDigitId('50', 27, taken);
			const refund = {
				refundId,
				amountFen: input.amountFen,
				reason: input.reason,
				createdAt: this.o.clock.now().toISOString()
			};
			await this.#commit({ ...order, refunds: [...order.refunds, refund] });
			return { refundId };
		});
	}

	reply(accepted: boolean, message?: string) {
		return sandboxReply(accepted, message);
	}

	/** Resolves once no notification attempt is in flight (for tests and shutdown). */
	idle(): Promise<void> {
		return this.#notifier.idle();
	}

	/**
	 * Cancels pending notification re-sends and aborts those in flight (server shutdown). Not
	 * called close(): that name is the interface's close(reference).
	 */
	stop(): void {
		this.#notifier.stop();
	}

	/** Saves the order table with `order` in it, then (only if that worked) keeps it in memory. */
	/** Every order: the persisted ones (another process may have added some), else memory's. */
	#all(): SandboxOrder[] {
		return this.o.persist ? this.o.persist.load() : [...this.#memory.values()];
	}

	#order(reference: string): SandboxOrder | undefined {
		return this.#all().find((o) => o.reference === reference);
	}

	async #commit(order: SandboxOrder): Promise<void> {
		if (this.o.persist) await this.o.persist.save(order);
		else this.#memory.set(order.reference, order);
	}
}
