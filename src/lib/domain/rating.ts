import { z } from 'zod';
import { msg } from './errors';

/**
 * A resident's 1–5 score and remark, as every rating takes them: a work order's, a meeting's,
 * a payment's service. Written once here and used everywhere (inputs and stored records).
 */

/** A whole score 1–5. A number only: `true` or `[3]` is not a score. */
export const scoreSchema = z
	.number(msg('error.score'))
	.int(msg('error.score'))
	.min(1, msg('error.score'))
	.max(5, msg('error.score'));

/**
 * A score as a form or a JSON body sends it: a number, or its digits as text (form fields are
 * text). The one coercion of scores; anything else is refused as a score.
 */
export const scoreField = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
	scoreSchema
);

/** What a resident may add to a score: plain text, as stored (a longer one would not fit). */
export const remarksSchema = z.string().trim().max(500, msg('error.remarkTooLong')).default('');

/** A rating as sent: the score and an optional remark. */
export const ratingInputSchema = z.object({ score: scoreField, remarks: remarksSchema });
export type RatingInput = z.output<typeof ratingInputSchema>;
