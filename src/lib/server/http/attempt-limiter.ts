import type { Clock } from '$lib/domain/time';

/**
 * Counts failed attempts per key in a sliding window. Used for logins (per username and per
 * address) and, later, for the kiosk's phone-tail checks.
 */
export class AttemptLimiter {
	readonly #failures = new Map<string, number[]>();

	constructor(
		private readonly clock: Clock,
		private readonly max: number,
		private readonly windowMs: number
	) {}

	/** Milliseconds until `key` may try again; 0 when it may try now. */
	retryAfter(key: string): number {
		const list = this.#recent(key);
		if (list.length < this.max) return 0;
		return list[list.length - this.max]! + this.windowMs - this.clock.now().getTime();
	}

	fail(key: string): void {
		const list = this.#recent(key);
		list.push(this.clock.now().getTime());
		this.#failures.set(key, list);
	}

	reset(key: string): void {
		this.#failures.delete(key);
	}

	#recent(key: string): number[] {
		const since = this.clock.now().getTime() - this.windowMs;
		const list = (this.#failures.get(key) ?? []).filter((t) => t > since);
		if (list.length === 0) this.#failures.delete(key);
		return list;
	}
}
