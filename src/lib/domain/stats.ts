/**
 * The few statistics the manager's figures use, with one definition each (docs/reports.md):
 * a rate is null — shown as "—" — when nothing was counted, never 0% or 100%.
 */

/** `part / whole`, or null when `whole` is 0. */
export function rate(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) by the nearest-rank method: the smallest value with at least
 * q of the values at or below it. Null for no values. Nearest rank returns a value that was
 * observed, so "90% waited at most 12 min" holds for a real ticket.
 */
export function quantile(values: readonly number[], q: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil(q * sorted.length));
	return sorted[rank - 1]!;
}

/** The median by nearest rank (the lower middle value for an even count). */
export function median(values: readonly number[]): number | null {
	return quantile(values, 0.5);
}

/**
 * Several q-quantiles of the same values (nearest rank, as `quantile`) with one sort: the
 * reports take p50 and p90 of tens of thousands of waits.
 */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): (number | null)[] {
	if (values.length === 0) return qs.map(() => null);
	const sorted = Float64Array.from(values).sort();
	return qs.map((q) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!);
}
