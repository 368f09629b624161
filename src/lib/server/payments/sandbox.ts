import { randomInt } from 'node:crypto';
import type { Clock } from '$lib/domain/time';
import { Mutex } from '../mutex';
import type {
	CreateOrder,
	CreatedOrder,
	IncomingNotification,
	OrderStatus,
	PaymentProvider
} from './provider';
import { DEFAULT_RETRY_DELAYS_MS, Notifier, realTimers, type Timers } from './sandbox-notifier';
import {
	DEFAULT_TOLERANCE_MS,
	notificationBody,
	sandboxOrderSchema,
	sandboxReply,
	verifySandboxNotification,
	type SandboxOrder
} from './sandbox-protocol';

export {
	notificationBody,
	sandboxOrderSchema,
	signNotification,
	SANDBOX_HEADERS,
	SANDBOX_SERIAL,
	type SandboxOrder,
	type SandboxRefund
} from './sandbox-protocol';
export type { Timers } from './sandbox-notifier';

const BRAND = Symbol.for('foyer.sandbox-error');

export type SandboxErrorCode =
	| 'unknown'
	| 'expired'
	| 'closed'
	| 'alreadyPaid'
	| 'conflict'
	| 'invalid'
	| 'notPaid'
	| 'transactionMismatch'
	| 'amountExceeded';

/** Why the sandbox refused an operation, as a provider's error code would say. */
export class SandboxError extends Error {
	readonly [BRAND] = true;
	constructor(
		readonly code: SandboxErrorCode,
		message: string
	) {
		super(message);
		this.name = 'SandboxError';
	}
}

/** True for a SandboxError from any copy of this module (the server and SvelteKit's bundle). */
export function isSandboxError(e: unknown): e is SandboxError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

export interface SandboxOptions {
	clock: Clock;
	/** Key the notifications are signed (HMAC-SHA256) and verified with. */
	secret: string;
	fetch?: typeof fetch;
	timers?: Timers;
	/** Waits before each re-send of a notification not answered 2xx; then it gives up. */
	retryDelaysMs?: readonly number[];
	/** Keeps the orders across a restart; save() is awaited before any change is reported. */
	persist?: { load(): SandboxOrder[]; save(orders: SandboxOrder[]): Promise<void> };
	/** A notification whose timestamp is further than this from the clock is stale. */
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
	readonly #orders = new Map<string, SandboxOrder>();
	readonly #mutex = new Mutex();
	readonly #notifier: Notifier;

	constructor(private readonly o: SandboxOptions) {
		for (const order of o.persist?.load() ?? []) {
			const parsed = sandboxOrderSchema.parse(order);
			this.#orders.set(parsed.reference, parsed);
		}
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
	create(order: CreateOrder): Promise<CreatedOrder> {
		return this.#mutex.run(async () => {
			const known = this.#orders.get(order.reference);
			if (known) {
				if (known.amountFen !== order.amountFen) {
					throw new SandboxError(
						'conflict',
						`sandbox order ${order.reference} exists with ${known.amountFen} fen, not ${order.amountFen}`
					);
				}
				return { qrPayload: qrPayload(known) };
			}
			if (Number.isNaN(order.expiresAt.getTime())) {
				throw new SandboxError('invalid', `sandbox: bad expiresAt for ${order.reference}`);
			}
			let origin: string;
			try {
				// URL.origin drops any path and punycodes the host, so the QR stays ASCII.
				origin = new URL(order.origin).origin;
			} catch {
				throw new SandboxError('invalid', `sandbox: bad origin ${order.origin}`);
			}
			const parsed = sandboxOrderSchema.safeParse({
				reference: order.reference,
				amountFen: order.amountFen,
				description: order.description,
				expiresAt: order.expiresAt.toISOString(),
				origin,
				state: 'pending',
				transactionId: null,
				paidAt: null,
				refunds: []
			} satisfies SandboxOrder);
			if (!parsed.success) throw new SandboxError('invalid', `sandbox: bad order ${parsed.error}`);
			await this.#commit(parsed.data);
			return { qrPayload: qrPayload(parsed.data) };
		});
	}

	/** The stored order, for the phone page. */
	order(reference: string): SandboxOrder | undefined {
		const o = this.#orders.get(reference);
		return o && structuredClone(o);
	}

	/**
	 * What the phone page's "confirm payment" does: takes the money and (unless notify is
	 * false) starts notifying Foyer. Resolves once the paid order is saved and the first
	 * notification attempt has been started, not delivered: the phone learns the outcome from
	 * Foyer, as with a real provider, and re-sends happen in the background.
	 */
	async pay(reference: string, options: { notify?: boolean } = {}): Promise<SandboxOrder> {
		const paid = await this.#mutex.run(async () => {
			const order = this.#orders.get(reference);
			if (!order) throw new SandboxError('unknown', `sandbox: no order ${reference}`);
			if (order.state === 'paid') throw new SandboxError('alreadyPaid', `${reference} is paid`);
			if (order.state === 'closed') throw new SandboxError('closed', `${reference} is closed`);
			const now = this.o.clock.now();
			if (this.#expired(order, now)) throw new SandboxError('expired', `${reference} expired`);
			const next: SandboxOrder = {
				...order,
				state: 'paid',
				transactionId: this.#newId('4200', 24, (o) => o.transactionId),
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
	 * Sends (again) the payment notification of a paid order, with a new notification id, as
	 * a provider would for an order it considers unacknowledged.
	 */
	notify(reference: string): void {
		const order = this.#orders.get(reference);
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
		return Promise.resolve(this.#status(reference));
	}

	close(reference: string): Promise<OrderStatus> {
		return this.#mutex.run(async () => {
			const order = this.#orders.get(reference);
			if (order?.state === 'pending') await this.#commit({ ...order, state: 'closed' });
			return this.#status(reference);
		});
	}

	refund(input: {
		reference: string;
		transactionId: string;
		amountFen: number;
		reason: string;
	}): Promise<{ refundId: string }> {
		return this.#mutex.run(async () => {
			const order = this.#orders.get(input.reference);
			if (!order) throw new SandboxError('unknown', `sandbox: no order ${input.reference}`);
			if (order.state !== 'paid') throw new SandboxError('notPaid', `${order.reference} unpaid`);
			if (order.transactionId !== input.transactionId) {
				throw new SandboxError('transactionMismatch', `${input.transactionId} is not this order's`);
			}
			if (!Number.isInteger(input.amountFen) || input.amountFen <= 0) {
				throw new SandboxError('invalid', `sandbox: bad refund amount ${input.amountFen}`);
			}
			const refunded = order.refunds.reduce((sum, r) => sum + r.amountFen, 0);
			if (input.amountFen > order.amountFen - refunded) {
				throw new SandboxError(
					'amountExceeded',
					`${input.amountFen} fen is more than the ${order.amountFen - refunded} fen left`
				);
			}
			const refundId = this.#newId('50', 27, (o) => o.refunds.map((r) => r.refundId));
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

	/** Cancels pending notification re-sends and aborts those in flight (server shutdown). */
	stop(): void {
		this.#notifier.stop();
	}

	#expired(order: SandboxOrder, now: Date): boolean {
		// At expiresAt the order is over: never take money Foyer already considers expired.
		return now.getTime() >= new Date(order.expiresAt).getTime();
	}

	#status(reference: string): OrderStatus {
		const o = this.#orders.get(reference);
		if (o?.state === 'paid') {
			const { transactionId, amountFen, paidAt } = o;
			return { reference, state: 'paid', transactionId, amountFen, paidAt };
		}
		// A real provider closes an unpaid order at its expiry; unknown orders were never payable.
		const open = o?.state === 'pending' && !this.#expired(o, this.o.clock.now());
		const state = open ? 'pending' : 'closed';
		return { reference, state, transactionId: null, amountFen: null, paidAt: null };
	}

	/** Saves the order table with `order` in it, then (only if that worked) keeps it in memory. */
	async #commit(order: SandboxOrder): Promise<void> {
		if (this.o.persist) {
			const next = new Map(this.#orders).set(order.reference, order);
			await this.o.persist.save([...next.values()]);
		}
		this.#orders.set(order.reference, order);
	}

	/** A digit string id like the provider's, unique among those already issued. */
	#newId(prefix: string, digits: number, used: (o: SandboxOrder) => string | string[] | null) {
		const taken = new Set([...this.#orders.values()].flatMap((o) => used(o) ?? []));
		for (;;) {
			let id = prefix;
			while (id.length < prefix.length + digits) id += String(randomInt(0, 10));
			if (!taken.has(id)) return id;
		}
	}
}

function qrPayload(order: SandboxOrder): string {
	return `${order.origin}/pay/sandbox/${encodeURIComponent(order.reference)}`;
}
