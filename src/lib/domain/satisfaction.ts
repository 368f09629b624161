import { z } from 'zod';
import { scoreSchema } from './rating';
import { dayKey } from './time';
import type { Rating, WorkOrder } from './work-order';

/** The service center's promise: at least 95% of ratings are 4 or 5. */
export const SATISFACTION_TARGET = 0.95;

/** The rating that counts for an order: the resident's own, else the follow-up call's. */
export function ratingOf(o: Pick<WorkOrder, 'rating' | 'followUp'>): Rating | null {
	return o.rating ?? o.followUp;
}

/** A rating counts as satisfied at 4 or 5 (the same for the 满意度 page and the reports). */
export function isSatisfied(score: number): boolean {
	return score >= 4;
}

/**
 * Where a work order's counting rating was given: the follow-up call, or the resident at the
 * kiosk or on their phone; `unknown` for residents' ratings recorded before the channel was.
 */
export function ratingChannel(r: Rating): 'kiosk' | 'phone' | 'followUp' | 'unknown' {
	return r.via === 'followUp' ? 'followUp' : (r.channel ?? 'unknown');
}

export interface MonthlySatisfaction {
	month: string;
	rated: number;
	satisfied: number;
	/** satisfied / rated; null with no ratings yet. */
	rate: number | null;
	met: boolean | null;
	/** The orders rated 3 or less, lowest first: what pulled the rate down. */
	low: {
		id: string;
		number: string;
		category: WorkOrder['category'];
		score: number;
		remarks: string;
	}[];
	/** Service ratings (receipts, kiosk) of 3 or less, lowest first. */
	lowServices: { entryId: string; receiptNo: string; score: number; remarks: string; at: string }[];
}

/** A rating of the counter's or kiosk's service, with the receipt it was given for. */
export interface ServiceScore {
	at: string;
	score: number;
	remarks: string;
	entryId: string;
	receiptNo: string;
}

/** The month's satisfaction rate (ratings ≥ 4 / all ratings), by the month the rating was given. */
export function monthlySatisfaction(
	orders: readonly WorkOrder[],
	month: string,
	timeZone: string,
	services: readonly ServiceScore[] = []
): MonthlySatisfaction {
	const inMonth = (iso: string) => dayKey(new Date(iso), timeZone).slice(0, 7) === month;
	const served = services.filter((x) => inMonth(x.at));
	const rated = orders
		.map((o) => ({ o, r: ratingOf(o) }))
		.filter((x): x is { o: WorkOrder; r: Rating } => x.r !== null && inMonth(x.r.at));
	const satisfied =
		rated.filter((x) => isSatisfied(x.r.score)).length +
		served.filter((x) => isSatisfied(x.score)).length;
	const count = rated.length + served.length;
	const rate = count ? satisfied / count : null;
	return {
		month,
		rated: count,
		satisfied,
		rate,
		met: rate === null ? null : rate >= SATISFACTION_TARGET,
		low: rated
			.filter((x) => x.r.score <= 3)
			.sort((a, b) => a.r.score - b.r.score)
			.map(({ o, r }) => ({
				id: o.id,
				number: o.number,
				category: o.category,
				score: r.score,
				remarks: r.remarks
			})),
		lowServices: served
			.filter((x) => x.score <= 3)
			.sort((a, b) => a.score - b.score)
			.map(({ entryId, receiptNo, score, remarks, at }) => ({
				entryId,
				receiptNo,
				score,
				remarks,
				at
			}))
	};
}

/** A rating of the service itself (a payment at the counter or the kiosk), not of a work order. */
export const serviceRatingSchema = z.object({
	id: z.string(),
	at: z.string(),
	score: scoreSchema,
	remarks: z.string().max(500),
	/** receipt: from the QR on a receipt or the e-receipt page; kiosk: right after paying there. */
	source: z.enum(['receipt', 'kiosk']),
	/** The ledger entry rated (one rating per receipt). */
	entryId: z.string()
});
export type ServiceRating = z.infer<typeof serviceRatingSchema>;
