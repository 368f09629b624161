import { FoyerError } from '$lib/domain/errors';
import { refused } from './refusals';
import type { Clock } from '$lib/domain/time';
import type { ErrorKey } from '$lib/i18n';
import type { AttemptKey, SharedAttempts } from '../store/contract';
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

/**
 * The request limits of the public endpoints, one sliding-window counter per kind: in this
 * process's memory (one process, the embedded store), or in the database when several processes
 * share it (`shared`: the store's attempt counter), so N processes allow the rate of one.
 */
export class RequestLimits {
	readonly #limiters: Record<LimitKind, RateLimiter>;

	constructor(
		private readonly clock: Clock,
		private readonly shared: SharedAttempts | null = null
	) {
		this.#limiters = Object.fromEntries(
			Object.entries(LIMITS).map(([kind, rules]) => [kind, new RateLimiter(clock, rules)])
		) as Record<LimitKind, RateLimiter>;
	}

	/**
	 * Counts one request under every `[kind, key]` given — all of them or, when any is over
	 * its limit, none — before the caller does the work. In memory the check and the count are
	 * one synchronous step at the call, so a burst arriving at the same moment is counted one by
	 * one; in the database each key is checked and counted under a lock of its own, whichever
	 * process the requests reached. Rejects with a 429 FoyerError when over a limit.
	 */
	async admit(...checks: readonly (readonly [LimitKind, string])[]): Promise<void> {
		if (this.shared) return this.#admitShared(checks);
		for (const [kind, key] of checks) {
			const wait = this.#limiters[kind].retryAfter(key);
			if (wait > 0) throw refusal(kind, wait);
		}
		for (const [kind, key] of checks) this.#limiters[kind].record(key);
	}

	/**
	 * Kind by kind, in the order given, so a refusal names the kind that refused it (as in
	 * memory). A kind refused after an earlier one was counted takes that one back: for a moment
	 * it counted, which can only refuse another request, never let one more through.
	 */
	async #admitShared(checks: readonly (readonly [LimitKind, string])[]): Promise<void> {
		const shared = this.shared!;
		const counted: { scope: string; key: string; id: string; clear: boolean }[] = [];
		for (const [kind, key] of checks) {
			// Each window of a kind is a limit of its own (`rate.ticket.60000`, `rate.ticket.3600000`):
			// the shared counter holds one window per scope.
			const keys: AttemptKey[] = LIMITS[kind].map((rule) => ({
				scope: `rate.${kind}.${rule.windowMs}`,
				key,
				max: rule.max,
				windowMs: rule.windowMs
			}));
			const { wait, ids } = await shared.reserve(keys, this.clock.now().getTime());
			if (wait > 0) {
				if (counted.length > 0) await shared.takeBack(counted).catch(() => {});
				throw refusal(kind, wait);
			}
			keys.forEach((k, i) =>
				counted.push({ scope: k.scope, key: k.key, id: ids[i]!, clear: false })
			);
		}
	}
}

function refusal(kind: LimitKind, wait: number): FoyerError {
	const max = LIMITS[kind][0].max;
	const minutes = Math.ceil(wait / MINUTE);
	refused(kind);
	return new FoyerError(REFUSALS[kind] ?? 'error.tooManyRequests', { minutes, max }, 429);
}
