/**
 * A payment provider (WeChat Pay, Alipay, UnionPay QR, or the sandbox) as Foyer uses it.
 * Every provider sits behind this one interface; PaymentService never knows which one it has.
 */

/** What Foyer asks a provider to collect. */
export interface CreateOrder {
	/** Foyer's own reference, unique per intent (the provider's out_trade_no). */
	reference: string;
	amountFen: number;
	/** Shown on the resident's phone, e.g. 翠湖花园 物业费 3栋2单元**01. */
	description: string;
	/** The provider must refuse payment after this instant. */
	expiresAt: Date;
	/**
	 * Where Foyer is reached from the resident's phone and from the provider (the origin the
	 * kiosk uses, e.g. http://192.168.1.10:3000). Real providers ignore it; the sandbox serves its
	 * phone page and posts its notifications there.
	 */
	origin: string;
}

export interface CreatedOrder {
	/** What the kiosk shows as a QR code: an ASCII URL the resident's phone opens. */
	qrPayload: string;
}

/** The provider's word on an order, from a status query or a verified notification. */
export interface OrderStatus {
	reference: string;
	/** paid: money taken; pending: not yet; closed: expired or cancelled, nothing taken. */
	state: 'pending' | 'paid' | 'closed';
	/** The provider's own transaction id; set when paid. Settlement is keyed on it. */
	transactionId: string | null;
	/** What the provider says was paid, in fen (checked against the intent). */
	amountFen: number | null;
	paidAt: string | null;
	/**
	 * Set when a notification is about a refund's outcome (WeChat's REFUND.*, Alipay's notice
	 * with out_biz_no): the refund id Foyer sent and what became of it.
	 */
	refund?: { refundId: string; state: 'succeeded' | 'failed' };
}

/** An HTTP notification as it arrived: raw body (signatures cover the exact bytes) and headers. */
export interface IncomingNotification {
	headers: Record<string, string | undefined>;
	body: string;
}

export class NotificationRejected extends Error {
	constructor(
		readonly reason: 'signature' | 'stale' | 'malformed' | 'merchant',
		message: string
	) {
		super(message);
		this.name = 'NotificationRejected';
	}
}

/**
 * What went wrong talking to a provider, in words staff can act on (the desk's "test connection"
 * translates the code): unreachable (network, timeout, 5xx), signature (the provider refused our
 * signature: wrong serial, or the key does not match the certificate), clock (timestamps too far
 * apart), answer (the provider's answer failed our signature check), rejected (the provider
 * refused the request itself; `detail` has its code and message).
 */
export class ProviderError extends Error {
	constructor(
		readonly code: 'unreachable' | 'signature' | 'clock' | 'answer' | 'rejected',
		readonly detail: string
	) {
		super(`${code}: ${detail}`);
		this.name = 'ProviderError';
	}
}

/** One line of a provider's trade bill for a day (reconciliation). */
export interface BillLine {
	/** The provider's transaction id (settlement's key). */
	transactionId: string;
	/** Foyer's reference (out_trade_no). */
	reference: string;
	/** payment: money received; refund: money given back (amountFen is positive either way). */
	kind: 'payment' | 'refund';
	amountFen: number;
	/** The provider's refund id for a refund line. */
	refundId: string | null;
	at: string;
}

export interface PaymentProvider {
	/** Short lowercase name, used in URLs (/api/payments/notify/<name>) and stored entries. */
	readonly name: string;
	/**
	 * How often to ask about an order on screen, if not PaymentService's default: a real
	 * provider's notification may never reach a server behind NAT, so they are asked every
	 * second (well within their rate limits) and the kiosk turns paid within 3 s.
	 */
	readonly queryEveryMs?: number;
	/** Opens an order to be paid by QR. */
	create(order: CreateOrder): Promise<CreatedOrder>;
	/** Asks the provider about an order (used when no notification arrived). */
	query(reference: string): Promise<OrderStatus>;
	/** Closes an unpaid order so it can no longer be paid (cancel, expiry). Resolves to its final state. */
	close(reference: string): Promise<OrderStatus>;
	/**
	 * Checks a notification's signature and freshness and returns what it says. Throws
	 * NotificationRejected for a forged, stale or malformed one; nothing may change then.
	 */
	verifyNotification(n: IncomingNotification): OrderStatus;
	/** Gives money back for a paid order (a void of a QR payment). */
	refund(input: {
		reference: string;
		transactionId: string;
		amountFen: number;
		reason: string;
	}): Promise<{ refundId: string }>;
	/** Whether a refund is done (refunds are accepted first and completed later). */
	refundStatus?(input: {
		reference: string;
		refundId: string;
	}): Promise<'pending' | 'succeeded' | 'failed'>;
	/** The provider's trade bill for a day (YYYY-MM-DD, China time), for reconciliation. */
	bill?(day: string): Promise<BillLine[]>;
	/** Signs a harmless query (a made-up order) to prove the configuration works. */
	testConnection?(): Promise<void>;
	/** The body the provider expects in reply to a notification (accepted or not). */
	reply(accepted: boolean, message?: string): { status: number; body: string; contentType: string };
}
