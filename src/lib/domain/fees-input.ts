import { z } from 'zod';
import { msg } from './errors';
import { periodSchema } from './fees';

/**
 * What the desk and the kiosk send about fees: payments, voids and bill runs. Each schema is
 * the one check of its input, wherever it comes from (form, JSON body).
 */

/** A payment at the desk: the cashier picks bills and a method; cash comes with what was handed over. */
export const deskPaymentSchema = z.object({
	unitId: z.string().min(1, msg('error.unitNotFound')),
	billIds: z.array(z.string()).min(1, msg('error.noBillsChosen')),
	method: z.enum(['cash', 'card', 'transfer'], msg('error.paymentMethod')),
	tenderedFen: z.number().int().nonnegative().nullable().default(null),
	ticketId: z.string().nullable().default(null)
});

/** A void or refund of a ledger entry, with the reason the audit log keeps. */
export const voidSchema = z.object({
	entryId: z.string().min(1),
	reason: z.string().trim().min(2, msg('error.voidReason')).max(200, msg('error.voidReason'))
});

/** The bills a resident picked at the kiosk to pay by QR. */
export const kioskBillIdsSchema = z
	.array(z.string().max(80), msg('error.noBillsChosen'))
	.min(1, msg('error.noBillsChosen'))
	.max(120);

/** A bill run: one period's bills from the site's fee standards. */
export const billRunSchema = z.object({
	period: periodSchema,
	/** Defaults to the period's last day. */
	dueDate: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, msg('error.dueDate'))
		.nullable()
		.default(null),
	/** Only these standards (all when empty). */
	standardIds: z.array(z.string()).default([]),
	/** Metered readings for the period: unit id → quantity in hundredths (12.5 m³ → 1250). */
	readings: z.record(z.string(), z.number().int().nonnegative()).default({})
});
export type BillRunInput = z.input<typeof billRunSchema>;
