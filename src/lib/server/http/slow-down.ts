import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import type { ErrorKey } from '$lib/i18n';
import { refused } from './refusals';

/** Keys are forgotten in one sweep once this many are held. */
const SWEEP_AT = 10_000;

interface Failures {
	count: number;
	/** When the last wrong try was counted (ms since the epoch). */
	last: number;
}

/**
 * Slows wrong guesses per key (a kiosk) with a growing wait instead of locking the key out: the
 * first `free` wrong tries cost nothing, then each further try must wait 1 s, 2 s, 4 s, … up to
 * `maxDelayMs` after the last wrong one. A right answer is never refused for longer than that
 * wait, which is what a crowd of guests at one kiosk needs; a guesser at one try per 30 s gets
 * a few thousand guesses a day against a million codes. Failures are forgotten `forgetMs` after
 * the last one, and a right answer forgets them at once. Like `reserveAttempt`, a try is counted
 * when it starts (synchronously), so tries sent at once wait their turn.
 */
export class SlowDown {
	readonly #failures = new Map<string, Failures>();

	constructor(
		private readonly clock: Clock,
		private readonly o: {
			free: number;
			maxDelayMs: number;
			forgetMs: number;
			/** Labels a refusal in the metrics (meetingCheckIn). */
			name?: string;
		}
	) {}

	/** Milliseconds `key` must wait before its next try; 0 when it may try now. */
	waitFor(key: string): number {
		const f = this.#current(key);
		if (!f || f.count < this.o.free) return 0;
		const delay = Math.min(this.o.maxDelayMs, 1000 * 2 ** (f.count - this.o.free));
		return Math.max(0, f.last + delay - this.clock.now().getTime());
	}

	/**
	 * Counts one try of `key` before it is checked, or throws a 429 FoyerError `slowed` with
	 * `{ seconds }` to wait. Call `passed()` when the answer was right, `cancelled()` when it was
	 * never checked; a wrong answer needs no call.
	 */
	reserve(key: string, slowed: ErrorKey): { passed(): void; cancelled(): void } {
		const wait = this.waitFor(key);
		if (wait > 0) {
			refused(this.o.name ?? 'slowDown');
			throw new FoyerError(slowed, { seconds: Math.ceil(wait / 1000) }, 429);
		}
		if (this.#failures.size >= SWEEP_AT) this.#sweep();
		const before = this.#current(key);
		const now = this.clock.now().getTime();
		this.#failures.set(key, { count: (before?.count ?? 0) + 1, last: now });
		let settled = false;
		return {
			passed: () => {
				if (!settled) this.#failures.delete(key);
				settled = true;
			},
			cancelled: () => {
				if (settled) return;
				settled = true;
				if (before) this.#failures.set(key, before);
				else this.#failures.delete(key);
			}
		};
	}

	#current(key: string): Failures | undefined {
		const f = this.#failures.get(key);
		if (f && this.clock.now().getTime() - f.last > this.o.forgetMs) {
			this.#failures.delete(key);
			return undefined;
		}
		return f;
	}

	#sweep(): void {
		for (const key of [...this.#failures.keys()]) this.#current(key);
	}
}
