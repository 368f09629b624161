import { rate } from '../stats';
import type { RatingTally } from './types';

/** A rating tally being counted; `done` gives its rate (null with nothing rated). */
export class Tally {
	rated = 0;
	satisfied = 0;

	add(satisfied: boolean): void {
		this.rated++;
		if (satisfied) this.satisfied++;
	}

	done(): RatingTally {
		return { rated: this.rated, satisfied: this.satisfied, rate: rate(this.satisfied, this.rated) };
	}
}

/** A record of keys → tallies for every key in `keys`, so absent ones show as "—", not missing. */
export function tallies<K extends string>(keys: readonly K[]): Record<K, Tally> {
	return Object.fromEntries(keys.map((k) => [k, new Tally()])) as Record<K, Tally>;
}

/** Finishes every tally of a record. */
export function doneAll<K extends string>(t: Record<K, Tally>): Record<K, RatingTally> {
	return Object.fromEntries(Object.entries<Tally>(t).map(([k, v]) => [k, v.done()])) as Record<
		K,
		RatingTally
	>;
}
