/**
 * The sandbox's order rules, as a provider's servers apply them: what an order looks like when
 * opened, when it counts as expired, what a status query says, and what a refund may take.
 * Pure functions; SandboxProvider applies them under its lock and persists the result.
 */
import { randomInt } from 'node:crypto';
import type { CreateOrder, OrderStatus } from './provider';
import { sandboxOrderSchema, type SandboxOrder } from './sandbox-protocol';

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

/** A new pending order, validated; throws SandboxError('invalid'). */
export function newSandboxOrder(input: CreateOrder): SandboxOrder {
	if (Number.isNaN(input.expiresAt.getTime())) {
		throw new SandboxError('invalid', `sandbox: bad expiresAt for ${input.reference}`);
	}
	let origin: string;
	try {
		// URL.origin drops any path and punycodes the host, so the QR payload stays ASCII.
		origin = new URL(input.origin).origin;
	} catch {
		throw new SandboxError('invalid', `sandbox: bad origin ${input.origin}`);
	}
	const parsed = sandboxOrderSchema.safeParse({
		reference: input.reference,
		amountFen: input.amountFen,
		description: input.description,
		expiresAt: input.expiresAt.toISOString(),
		origin,
		state: 'pending',
		transactionId: null,
		paidAt: null,
		refunds: []
	} satisfies SandboxOrder);
	if (!parsed.success) throw new SandboxError('invalid', `sandbox: bad order ${parsed.error}`);
	return parsed.data;
}

/** What the kiosk shows: the phone page for the order, an ASCII URL. */
export function qrPayload(order: SandboxOrder): string {
	return `${order.origin}/pay/sandbox/${encodeURIComponent(order.reference)}`;
}

/** At expiresAt the order is over: never take money Foyer already considers expired. */
export function isExpired(order: SandboxOrder, now: Date): boolean {
	return now.getTime() >= new Date(order.expiresAt).getTime();
}

/** The provider's answer to a status query about `reference`. */
export function statusOf(
	reference: string,
	order: SandboxOrder | undefined,
	now: Date
): OrderStatus {
	if (order?.state === 'paid') {
		const { transactionId, amountFen, paidAt } = order;
		return { reference, state: 'paid', transactionId, amountFen, paidAt };
	}
	// A real provider closes an unpaid order at its expiry; an unknown one was never payable.
	const open = order?.state === 'pending' && !isExpired(order, now);
	return {
		reference,
		state: open ? 'pending' : 'closed',
		transactionId: null,
		amountFen: null,
		paidAt: null
	};
}

/** Throws unless `order` can be paid now. */
export function checkPayable(
	reference: string,
	order: SandboxOrder | undefined,
	now: Date
): SandboxOrder {
	if (!order) throw new SandboxError('unknown', `sandbox: no order ${reference}`);
	if (order.state === 'paid') throw new SandboxError('alreadyPaid', `${reference} is paid`);
	if (order.state === 'closed') throw new SandboxError('closed', `${reference} is closed`);
	if (isExpired(order, now)) throw new SandboxError('expired', `${reference} expired`);
	return order;
}

/** Throws unless the refund fits: paid order, its transaction, at most what is left. */
export function checkRefund(
	order: SandboxOrder | undefined,
	input: { reference: string; transactionId: string; amountFen: number }
): SandboxOrder {
	if (!order) throw new SandboxError('unknown', `sandbox: no order ${input.reference}`);
	if (order.state !== 'paid') throw new SandboxError('notPaid', `${order.reference} is unpaid`);
	if (order.transactionId !== input.transactionId) {
		throw new SandboxError('transactionMismatch', `${input.transactionId} is not this order's`);
	}
	if (!Number.isInteger(input.amountFen) || input.amountFen <= 0) {
		throw new SandboxError('invalid', `sandbox: bad refund amount ${input.amountFen}`);
	}
	const left = order.amountFen - order.refunds.reduce((sum, r) => sum + r.amountFen, 0);
	if (input.amountFen > left) {
		throw new SandboxError('amountExceeded', `${input.amountFen} fen is more than ${left} left`);
	}
	return order;
}

/** A digit-string id like the provider's (prefix + random digits), not one of `taken`. */
export function newDigitId(prefix: string, digits: number, taken: ReadonlySet<string>): string {
	for (;;) {
		let id = prefix;
		while (id.length < prefix.length + digits) id += String(randomInt(0, 10));
		if (!taken.has(id)) return id;
	}
}
