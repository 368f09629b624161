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
	/** How it was settled: by the provider's notification, or by asking the provider. */
	settledBy: z.enum(['notification', 'query']).nullable(),
	flags: z.array(intentFlagSchema)
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
