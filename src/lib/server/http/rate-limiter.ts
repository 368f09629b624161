import type { Clock } from '$lib/domain/time';

const MAX_KEYS = 10_000;

/** At most `max` requests within `windowMs`. */
export interface RateRule {
	max: number;
	windowMs: number;
}

/**
 * Counts requests per key against one or more sliding windows (e.g. 10 a minute and 60 an
 * hour). Unlike the AttemptLimiter, which counts failures after the fact, this counts every
 * request before its work is done: `take` checks and records in one synchronous step, so
 * requests arriving at the same moment cannot all slip under the limit.
 */
export class RateLimiter {
	readonly #hits = new Map<string, number[]>();
	readonly #longest: number;

	constructor(
		private readonly clock: Clock,
		private readonly rules: readonly RateRule[]
	) {
		this.#longest = Math.max(...rules.map((r) => r.windowMs));
	}

	/** Milliseconds until `key` may make another request; 0 when it may now. Records nothing. */
	retryAfter(key: string): number {
		const now = this.clock.now().getTime();
		const list = this.#recent(key, now);
		let wait = 0;
		for (const { max, windowMs } of this.rules) {
			const inWindow = list.filter((t) => t > now - windowMs);
			if (inWindow.length >= max) {
				wait = Math.max(wait, inWindow[inWindow.length - max]! + windowMs - now);
			}
		}
		return wait;
	}

	/** Records a request for `key` (call only after `retryAfter` said 0, in the same tick). */
	record(key: string): void {
		const now = this.clock.now().getTime();
		const list = this.#recent(key, now);
		list.push(now);
		this.#hits.set(key, list);
		// Keys are addresses and device ids: a LAN has few, but a stranger may make up many.
		if (this.#hits.size > MAX_KEYS) this.#sweep(now);
	}

	/** Admits and records a request for `key`, or answers how many milliseconds to wait. */
	take(key: string): number {
		const wait = this.retryAfter(key);
		if (wait === 0) this.record(key);
		return wait;
	}

	#sweep(now: number): void {
		for (const key of [...this.#hits.keys()]) this.#recent(key, now);
	}

	#recent(key: string, now: number): number[] {
		const list = (this.#hits.get(key) ?? []).filter((t) => t > now - this.#longest);
		if (list.length === 0) this.#hits.delete(key);
		return list;
	}
}
