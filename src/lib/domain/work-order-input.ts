import { z } from 'zod';
import { msg } from './errors';
import { remarksSchema, scoreField } from './rating';
import { ACTIONS, CATEGORIES, locationSchema } from './work-order';

/**
 * What residents and staff send about work orders: a report (kiosk, phone, desk), a step on
 * an order, and a category on its own (the kiosk's hand-off to the phone). A resident's rating
 * is `ratingInputSchema` (rating.ts).
 */

/** A work-order category, as a form or body names it. */
export const categorySchema = z.enum(CATEGORIES, msg('error.category'));

/** Resident text: plain text only (it is shown as text everywhere, never as markup). */
const residentText = z.string().trim().max(1000, msg('error.textTooLong')).default('');

export const reportSchema = z.object({
	category: categorySchema,
	location: locationSchema,
	chips: z.array(z.string().max(40)).max(8).default([]),
	text: residentText
});
export type ReportInput = z.input<typeof reportSchema>;

/** A step staff take on an order; a follow-up call carries the resident's score. */
export const actSchema = z.object({
	action: z.enum(ACTIONS, msg('error.invalid')),
	note: z.string().trim().max(500, msg('error.remarkTooLong')).default(''),
	technicianId: z.string().nullable().default(null),
	score: scoreField.optional(),
	remarks: remarksSchema
});
