import { z } from 'zod';

/**
 * A payment intent: one QR payment of chosen bills, from the kiosk's "pay" to paid, cancelled
 * or expired. Once paid it never goes back, whatever arrives later.
 */
export const INTENT_STATUSES = ['pending', 'paid', 'cancelled', 'expired', 'flagged'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

/** Something staff must look at: money that arrived but could not be settled as it was. */
export const intentFlagSchema = z.object({
	/** amountMismatch: paid a different amount; latePayment: paid after cancel or expiry
	 * (refunded); doublePayment: paid twice, or the bills were paid at the desk meanwhile
	 * (refunded); drawerClosed: paid after the kiosks' drawer was closed for the day (日结), so
	 * it cannot be entered (refunded). */
	reason: z.enum(['amountMismatch', 'latePayment', 'doublePayment', 'drawerClosed']),
	at: z.string(),
	transactionId: z.string(),
	amountFen: z.number().int().nullable(),
	/** Whether the money went back through the provider; null when not attempted. */
	refunded: z.boolean().nullable(),
	resolvedBy: z.string().nullable()
});
export type IntentFlag = z.infer<typeof intentFlagSchema>;

/**
 * Money given back through the provider (a void, or a flagged payment returned). Providers
 * accept a refund first and complete it later, so it stays pending until the provider's refund
 * query or refund notification says it succeeded or failed.
 */
export const intentRefundSchema = z.object({
	/** The idempotency key sent (out_refund_no / out_request_no): a retry refunds once. */
	refundId: z.string(),
	transactionId: z.string(),
	amountFen: z.number().int().positive(),
	/** void: a manager voided the settled payment; otherwise the flag's reason. */
	reason: z.string(),
	at: z.string(),
	state: z.enum(['pending', 'succeeded', 'failed']),
	/** When the provider confirmed, and how (its refund query or its notification). */
	doneAt: z.string().nullable(),
	doneBy: z.enum(['query', 'notification']).nullable()
});
export type IntentRefund = z.infer<typeof intentRefundSchema>;

export const paymentIntentSchema = z.object({
	id: z.string(),
	at: z.string(),
	unitId: z.string(),
	billIds: z.array(z.string()).min(1),
	amountFen: z.number().int().positive(),
	provider: z.string(),
	qrPayload: z.string(),
	expiresAt: z.string(),
	status: z.enum(INTENT_STATUSES),
	/** The kiosk (paired device id) the resident stands at; its printer prints the receipt. */
	kioskId: z.string().nullable(),
	/** Where the kiosk reached Foyer: the e-receipt QR on the printed receipt points there. */
	origin: z.string(),
	/** The resident's language, for the receipt. */
	locale: z.enum(['zh-CN', 'en']),
	transactionId: z.string().nullable(),
	entryId: z.string().nullable(),
	/** How it was settled: by the provider's notification, by asking the provider, or booked by
	 * staff from the day's reconciliation (money the provider took that Foyer had missed). */
	settledBy: z.enum(['notification', 'query', 'reconciliation']).nullable(),
	flags: z.array(intentFlagSchema),
	/** Refunds through the provider, oldest first (intents written before this have none). */
	refunds: z.array(intentRefundSchema).default([]),
	/**
	 * The receipt a settlement owes, written with the settlement itself (the outbox): `owed`
	 * until its print job is recorded (`queued`), or `none` when the kiosk has no printer. An
	 * owed receipt whose process died before recording the job is printed by the leader.
	 * (Intents settled before this have none, and are owed nothing.)
	 */
	receipt: z.enum(['owed', 'queued', 'none']).optional()
});
export type PaymentIntent = z.infer<typeof paymentIntentSchema>;

/** What the kiosk showing the QR is told: its own payment, nothing else. */
export interface IntentView {
	id: string;
	status: IntentStatus;
	amountFen: number;
	/** Which provider's QR it is (wechat, alipay, sandbox): its name and mark go beside it. */
	provider: string;
	expiresAt: string;
	qrPayload: string | null;
	/** Once paid: the receipt number and the token of the e-receipt page (/r/<token>). */
	receiptNo: string | null;
	receiptToken: string | null;
}
