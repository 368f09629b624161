import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import type { ErrorKey } from '$lib/i18n';
import { refused } from './refusals';

/** Keys are forgotten in one sweep once this many are held (a flood of made-up usernames). */
const SWEEP_AT = 10_000;

/**
 * Counts attempts per key in a sliding window: log-ins (per username and per address), PINs,
 * kiosk identification, tracking and meeting codes. An attempt is counted when it starts, before
 * the (slow) check, and taken back only when the check passes: guesses sent at once cannot all
 * get past the limit before the first failure is recorded (decision 12). Use `reserveAttempt`.
 */
export class AttemptLimiter {
	readonly #attempts = new Map<string, number[]>();

	constructor(
		private readonly clock: Clock,
		/** Attempts counted in one window before the key is refused. */
		readonly max: number,
		private readonly windowMs: number
	) {}

	/** Milliseconds until `key` may try again; 0 when it may try now. */
	retryAfter(key: string): number {
		const list = this.#recent(key);
		if (list.length < this.max) return 0;
		return list[list.length - this.max]! + this.windowMs - this.clock.now().getTime();
	}

	/** Counts an attempt that failed (or is about to be checked). Returns when it was counted. */
	fail(key: string): number {
		if (this.#attempts.size >= SWEEP_AT) this.#sweep();
		const at = this.clock.now().getTime();
		const list = this.#recent(key);
		list.push(at);
		this.#attempts.set(key, list);
		return at;
	}

	/** Takes back one attempt counted at `at` (its check passed, or never ran). */
	takeBack(key: string, at: number): void {
		const list = this.#attempts.get(key);
		const i = list?.indexOf(at) ?? -1;
		if (i >= 0) list!.splice(i, 1);
	}

	/** Forgets every attempt of `key` (a correct password clears its account's failures). */
	reset(key: string): void {
		this.#attempts.delete(key);
	}

	#recent(key: string): number[] {
		const since = this.clock.now().getTime() - this.windowMs;
		const list = (this.#attempts.get(key) ?? []).filter((t) => t > since);
		if (list.length === 0) this.#attempts.delete(key);
		return list;
	}

	#sweep(): void {
		for (const key of [...this.#attempts.keys()]) this.#recent(key);
	}
}

/** One limit an attempt counts against. */
export interface LimitedKey {
	limiter: AttemptLimiter;
	key: string;
	/** A passed check forgets this key's earlier failures too (an account after its password). */
	clearOnPass?: boolean;
}

/** An attempt already counted against its limits, waiting for the check's outcome. */
export interface Attempt {
	/** The check passed: the attempt is taken back; `clearOnPass` keys forget their failures. */
	passed(): void;
	/** The check never ran (refused for another reason): the attempt is taken back. */
	cancelled(): void;
}

/**
 * Counts one attempt against every key before the check runs, all or none: when any key is at
 * its limit nothing is counted and a 429 FoyerError `locked` says how many minutes to wait.
 * Synchronous, so requests arriving together are counted one after the other. A failed check
 * needs no call: the attempt stays counted. `name` labels a refusal in the metrics.
 */
export function reserveAttempt(keys: LimitedKey[], locked: ErrorKey, name = 'attempts'): Attempt {
	const wait = Math.max(0, ...keys.map((k) => k.limiter.retryAfter(k.key)));
	if (wait > 0) {
		refused(name);
		throw new FoyerError(locked, { minutes: Math.ceil(wait / 60_000) }, 429);
	}
	const counted = keys.map((k) => ({ ...k, at: k.limiter.fail(k.key) }));
	let settled = false;
	const takeBack = (clear: boolean) => {
		if (settled) return;
		settled = true;
		for (const k of counted) {
			if (clear && k.clearOnPass) k.limiter.reset(k.key);
			else k.limiter.takeBack(k.key, k.at);
		}
	};
	return { passed: () => takeBack(true), cancelled: () => takeBack(false) };
}
