import { z } from 'zod';
import { msg } from './errors';
import { numeric } from './numbers';

/**
 * What staff, door panels and guests send about meeting rooms, beside `bookingInputSchema`
 * (booking.ts): an AV check, a cancellation, a panel action, the conference PIN. A meeting's
 * feedback is a rating (`ratingInputSchema`, rating.ts).
 */

/** The AV check before a meeting: each item passed or not, and a note. */
export const avCheckInput = z.object({
	items: z.array(z.object({ item: z.string().max(40), ok: z.boolean() })).min(1),
	note: z.string().trim().max(500).default('')
});

/** Why a booking is cancelled (kept in its history). */
export const cancelReasonSchema = z
	.string()
	.trim()
	.min(1, msg('error.cancelReason'))
	.max(200, msg('error.cancelReason'));

/** The conference staff's PIN that unlocks panel actions: 4–8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, msg('error.pinFormat'));

/** What a door panel asks for (the conference PIN or the paired panel unlocks it). */
export const panelActionSchema = z.discriminatedUnion('action', [
	z.object({
		action: z.literal('bookNow'),
		minutes: numeric().pipe(z.number().int().min(15).max(240))
	}),
	z.object({
		action: z.literal('extend'),
		bookingId: z.string(),
		minutes: numeric().pipe(z.number().int().min(15).max(120))
	}),
	z.object({ action: z.literal('endEarly'), bookingId: z.string() }),
	z.object({ action: z.literal('start'), bookingId: z.string() })
]);
