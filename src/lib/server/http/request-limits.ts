import { FoyerError } from '$lib/domain/errors';
import { refused } from './refusals';
import type { Clock } from '$lib/domain/time';
import type { ErrorKey } from '$lib/i18n';
import { RateLimiter, type RateRule } from './rate-limiter';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How many public requests that cost paper or screen space one kiosk (or address) may make.
 * A kiosk serves one resident at a time, and each takes a dozen touches or more (tile, service,
 * maybe the keypad, the slip): a real counter on its busiest morning sees a ticket every minute
 * or two per kiosk, and a few dozen reports a day across the whole site. The limits sit far
 * above that, so a resident never meets them, and far below what a stuck button, a looping
 * script or a prankster can do (one client took 100 tickets in a burst: 100 slips, 100 lines
 * on the lobby board; another reprinted one slip 30 times).
 */
export const LIMITS = {
	/** Tickets: one every 6 s for a minute, one a minute for an hour. */
	ticket: [
		{ max: 10, windowMs: MINUTE },
		{ max: 60, windowMs: HOUR }
	],
	/**
	 * Reports filed at the kiosk and "continue on your phone" links, together: a report takes a
	 * minute or more of choosing (type, place, phrases); a site gets a few dozen in a day.
	 */
	report: [
		{ max: 6, windowMs: MINUTE },
		{ max: 30, windowMs: HOUR }
	],
	/** Request slips printed by one kiosk, whichever request: paper, like tickets. */
	slip: [
		{ max: 10, windowMs: MINUTE },
		{ max: 60, windowMs: HOUR }
	],
	/** One request's slip: the first print and two reprints (a torn or lost slip) are enough. */
	slipOfRequest: [{ max: 3, windowMs: 24 * HOUR }],
	/**
	 * Pairing codes asked for from one address: a screen asks once when it is set up, and again
	 * only if it was rejected or removed; five in ten minutes leaves room for an installer's
	 * retries. (At most 20 codes wait site-wide anyway: error.tooManyPairings.)
	 */
	pairing: [
		{ max: 5, windowMs: 10 * MINUTE },
		{ max: 20, windowMs: 24 * HOUR }
	]
} as const satisfies Record<string, readonly RateRule[]>;

/** A kind of limited request. */
export type LimitKind = keyof typeof LIMITS;

/** What a refusal says: most say "too often, try again in N min"; a slip says it was printed. */
const REFUSALS: Partial<Record<LimitKind, ErrorKey>> = {
	slipOfRequest: 'error.slipPrintLimit'
};

/** The request limits of the public endpoints, one sliding-window counter per kind. */
export class RequestLimits {
	readonly #limiters: Record<LimitKind, RateLimiter>;

	constructor(clock: Clock) {
		this.#limiters = Object.fromEntries(
			Object.entries(LIMITS).map(([kind, rules]) => [kind, new RateLimiter(clock, rules)])
		) as Record<LimitKind, RateLimiter>;
	}

	/**
	 * Counts one request under every `[kind, key]` given — all of them or, when any is over
	 * its limit, none — before the caller does the work. Synchronous, so a burst arriving at the
	 * same moment is counted one by one. Throws a 429 FoyerError when over a limit.
	 */
	admit(...checks: readonly (readonly [LimitKind, string])[]): void {
		for (const [kind, key] of checks) {
			const wait = this.#limiters[kind].retryAfter(key);
			if (wait > 0) {
				const max = LIMITS[kind][0].max;
				const minutes = Math.ceil(wait / MINUTE);
				refused(kind);
				throw new FoyerError(REFUSALS[kind] ?? 'error.tooManyRequests', { minutes, max }, 429);
			}
		}
		for (const [kind, key] of checks) this.#limiters[kind].record(key);
	}
}
