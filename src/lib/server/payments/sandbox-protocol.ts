/**
 * The sandbox's wire protocol, modelled on WeChat Pay API v3 payment notifications: the same
 * JSON envelope, the same signed message (`timestamp\nnonce\nbody\n`) and the same reply
 * bodies. Two deliberate differences, because the sandbox has no certificates: the signature is
 * HMAC-SHA256 with a shared secret instead of RSA with the platform key, and `resource` is
 * sent in clear instead of AES-256-GCM encrypted (it still says `encrypt-resource`, so the
 * envelope is byte-for-byte the shape a real notification handler sees).
 *
 * Pure functions only, so tests anywhere can forge, duplicate and reorder notifications.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { NotificationRejected, type IncomingNotification, type OrderStatus } from './provider';

/** Header names, as WeChat's `Wechatpay-*` headers with our own prefix. */
export const SANDBOX_HEADERS = {
	timestamp: 'Foyer-Sandbox-Timestamp',
	nonce: 'Foyer-Sandbox-Nonce',
	serial: 'Foyer-Sandbox-Serial',
	signature: 'Foyer-Sandbox-Signature'
} as const;

/** The sandbox's one key id (WeChat sends its platform certificate serial number here). */
export const SANDBOX_SERIAL = 'FOYER-SANDBOX-KEY-1';

/** How far a notification's timestamp may be from our clock (WeChat's guidance: 5 minutes). */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

const isoInstant = z.iso.datetime();

/** A refund the sandbox granted. */
export const sandboxRefundSchema = z.object({
	refundId: z.string().min(1),
	amountFen: z.number().int().positive(),
	reason: z.string(),
	createdAt: isoInstant
});

/** An order as the sandbox (playing the provider's servers) keeps it; persisted as is. */
export const sandboxOrderSchema = z.object({
	reference: z.string().min(1),
	amountFen: z.number().int().positive(),
	description: z.string(),
	expiresAt: isoInstant,
	/** Foyer's origin as the kiosk saw it: the phone page and the notify endpoint live there. */
	origin: z.url({ protocol: /^https?$/ }),
	/** Only explicit closes are stored; an unpaid order past expiresAt is reported closed. */
	state: z.enum(['pending', 'paid', 'closed']),
	transactionId: z.string().min(1).nullable(),
	paidAt: isoInstant.nullable(),
	refunds: z.array(sandboxRefundSchema)
});

export type SandboxOrder = z.infer<typeof sandboxOrderSchema>;
export type SandboxRefund = z.infer<typeof sandboxRefundSchema>;

/** The notification envelope. Only what Foyer relies on is checked; extra fields pass. */
export const notificationSchema = z.object({
	id: z.string().min(1),
	create_time: z.iso.datetime({ offset: true }),
	// Foyer only subscribes to payment success, as a WeChat notify_url receives.
	event_type: z.literal('TRANSACTION.SUCCESS'),
	resource_type: z.literal('encrypt-resource'),
	summary: z.string(),
	resource: z.object({
		out_trade_no: z.string().min(1),
		transaction_id: z.string().min(1),
		trade_state: z.literal('SUCCESS'),
		amount: z.object({
			total: z.number().int().positive(),
			payer_total: z.number().int().nonnegative(),
			currency: z.literal('CNY')
		}),
		success_time: z.iso.datetime({ offset: true })
	})
});

export type SandboxNotification = z.infer<typeof notificationSchema>;

/**
 * An instant as WeChat writes it: RFC 3339 in Beijing time with whole seconds
 * (2026-01-05T09:00:00+08:00).
 */
export function wechatTime(at: Date): string {
	const beijing = new Date(Math.floor(at.getTime() / 1000) * 1000 + 8 * 3_600_000);
	return `${beijing.toISOString().slice(0, 19)}+08:00`;
}

/**
 * The JSON body of the payment notification for a paid order. `id` is the notification's own
 * id (kept across re-sends, so a receiver can recognise a duplicate); create_time defaults to
 * the payment time.
 */
export function notificationBody(
	order: Pick<SandboxOrder, 'reference' | 'amountFen' | 'transactionId' | 'paidAt'>,
	options: { id?: string; createTime?: Date } = {}
): string {
	if (order.transactionId === null || order.paidAt === null) {
		throw new Error(`sandbox order ${order.reference} is not paid: nothing to notify`);
	}
	const paidAt = new Date(order.paidAt);
	const body: SandboxNotification = {
		id: options.id ?? randomUUID(),
		create_time: wechatTime(options.createTime ?? paidAt),
		event_type: 'TRANSACTION.SUCCESS',
		// Says encrypted, as WeChat's does; the sandbox sends the resource in clear (see top).
		resource_type: 'encrypt-resource',
		summary: '支付成功',
		resource: {
			out_trade_no: order.reference,
			transaction_id: order.transactionId,
			trade_state: 'SUCCESS',
			amount: { total: order.amountFen, payer_total: order.amountFen, currency: 'CNY' },
			success_time: wechatTime(paidAt)
		}
	};
	return JSON.stringify(body);
}

/** A fresh nonce, 32 characters like WeChat's. */
export function newNonce(): string {
	return randomBytes(16).toString('hex').toUpperCase();
}

function sign(secret: string, timestamp: string, nonce: string, body: string): string {
	// WeChat's signed message: each part followed by \n, the body exactly as sent.
	return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${body}\n`).digest('base64');
}

/** The headers that authenticate `body`, sent with it. `timestamp` is in unix seconds. */
export function signNotification(
	secret: string,
	body: string,
	{ timestamp, nonce }: { timestamp: number | string; nonce: string }
): Record<string, string> {
	const ts = String(timestamp);
	return {
		[SANDBOX_HEADERS.timestamp]: ts,
		[SANDBOX_HEADERS.nonce]: nonce,
		[SANDBOX_HEADERS.serial]: SANDBOX_SERIAL,
		[SANDBOX_HEADERS.signature]: sign(secret, ts, nonce, body)
	};
}

/** Header lookup ignoring case, as HTTP does (Node lower-cases, fetch Headers too). */
function header(headers: IncomingNotification['headers'], name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted && value !== undefined) return value;
	}
	return undefined;
}

/** Constant-time string comparison; a length difference is not secret (a MAC's length is public). */
function sameString(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies a notification the way a WeChat v3 handler does: headers present, signature over
 * the exact bytes, then freshness, and only then the body is trusted and parsed. Checking the
 * signature first means nothing unauthenticated is parsed, and a forged notification with an
 * old timestamp is reported as forged.
 */
export function verifySandboxNotification(
	n: IncomingNotification,
	key: { secret: string; now: Date; toleranceMs?: number }
): OrderStatus {
	const timestamp = header(n.headers, SANDBOX_HEADERS.timestamp);
	const nonce = header(n.headers, SANDBOX_HEADERS.nonce);
	const serial = header(n.headers, SANDBOX_HEADERS.serial);
	const signature = header(n.headers, SANDBOX_HEADERS.signature);
	if (timestamp === undefined || nonce === undefined || serial === undefined || !signature) {
		throw new NotificationRejected('malformed', 'sandbox notification: missing signature headers');
	}
	if (!/^\d{1,12}$/.test(timestamp) || nonce === '') {
		throw new NotificationRejected('malformed', 'sandbox notification: bad timestamp or nonce');
	}
	// An unknown serial names a key we do not have: it cannot verify, as with WeChat.
	if (serial !== SANDBOX_SERIAL) {
		throw new NotificationRejected('signature', `sandbox notification: unknown key ${serial}`);
	}
	if (!sameString(signature, sign(key.secret, timestamp, nonce, n.body))) {
		throw new NotificationRejected('signature', 'sandbox notification: signature mismatch');
	}
	const skew = Math.abs(key.now.getTime() - Number(timestamp) * 1000);
	if (skew > (key.toleranceMs ?? DEFAULT_TOLERANCE_MS)) {
		throw new NotificationRejected('stale', `sandbox notification: timestamp ${skew} ms off`);
	}
	let json: unknown;
	try {
		json = JSON.parse(n.body);
	} catch {
		throw new NotificationRejected('malformed', 'sandbox notification: body is not JSON');
	}
	const parsed = notificationSchema.safeParse(json);
	if (!parsed.success) {
		throw new NotificationRejected(
			'malformed',
			`sandbox notification: unexpected shape (${z.prettifyError(parsed.error)})`
		);
	}
	const r = parsed.data.resource;
	return {
		reference: r.out_trade_no,
		state: 'paid',
		transactionId: r.transaction_id,
		amountFen: r.amount.total,
		// Foyer keeps instants as ISO strings in UTC.
		paidAt: new Date(r.success_time).toISOString()
	};
}

/** WeChat v3's reply to a notification: 200 with SUCCESS, or an error status with FAIL. */
export function sandboxReply(
	accepted: boolean,
	message?: string
): { status: number; body: string; contentType: string } {
	return accepted
		? { status: 200, body: '{"code":"SUCCESS","message":"成功"}', contentType: 'application/json' }
		: {
				status: 400,
				body: JSON.stringify({ code: 'FAIL', message: message ?? '失败' }),
				contentType: 'application/json'
			};
}
