import { dayKey } from './time';
import type { Rating, WorkOrder } from './work-order';

/** The service center's promise: at least 95% of ratings are 4 or 5. */
export const SATISFACTION_TARGET = 0.95;

/** The rating that counts for an order: the resident's own, else the follow-up call's. */
export function ratingOf(o: Pick<WorkOrder, 'rating' | 'followUp'>): Rating | null {
	return o.rating ?? o.followUp;
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
}

/** The month's satisfaction rate (ratings ≥ 4 / all ratings), by the month the rating was given. */
export function monthlySatisfaction(
	orders: readonly WorkOrder[],
	month: string,
	timeZone: string
): MonthlySatisfaction {
	const rated = orders
		.map((o) => ({ o, r: ratingOf(o) }))
		.filter(
			(x): x is { o: WorkOrder; r: Rating } =>
				x.r !== null && dayKey(new Date(x.r.at), timeZone).slice(0, 7) === month
		);
	const satisfied = rated.filter((x) => x.r.score >= 4).length;
	const rate = rated.length ? satisfied / rated.length : null;
	return {
		month,
		rated: rated.length,
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
			}))
	};
}
