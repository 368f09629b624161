import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import type { ErrorKey } from '$lib/i18n';
import type { SharedAttempts } from '../store/contract';
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
		readonly windowMs: number,
		/**
		 * Counted in the database for every process of the site (several processes), under this
		 * limit's name, instead of in this process's memory.
		 */
		readonly shared: { attempts: SharedAttempts; scope: string } | null = null
	) {}

	/** The clock's time now, in milliseconds. */
	now(): number {
		return this.clock.now().getTime();
	}

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

/**
 * A limit named `scope`, counted in the database for every process when `attempts` is the
 * store's shared count (several processes), else in this process's memory.
 */
export function attemptLimit(
	clock: Clock,
	attempts: SharedAttempts | null,
	scope: string,
	max: number,
	windowMs: number
): AttemptLimiter {
	return new AttemptLimiter(clock, max, windowMs, attempts ? { attempts, scope } : null);
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
 * In memory it is counted synchronously, at the call, so requests arriving together are counted
 * one after the other; limits shared by several processes are counted in the database, each key
 * under a lock of its own. A failed check needs no call: the attempt stays counted. `name`
 * labels a refusal in the metrics.
 */
export async function reserveAttempt(
	keys: LimitedKey[],
	locked: ErrorKey,
	name = 'attempts'
): Promise<Attempt> {
	const shared = keys[0]?.limiter.shared?.attempts;
	if (shared) return reserveShared(shared, keys, locked, name);
	const wait = Math.max(0, ...keys.map((k) => k.limiter.retryAfter(k.key)));
	if (wait > 0) throw lockedError(locked, wait, name);
	const counted = keys.map((k) => ({ ...k, at: k.limiter.fail(k.key) }));
	return onceSettled((clear) => {
		for (const k of counted) {
			if (clear && k.clearOnPass) k.limiter.reset(k.key);
			else k.limiter.takeBack(k.key, k.at);
		}
	});
}

async function reserveShared(
	shared: SharedAttempts,
	keys: LimitedKey[],
	locked: ErrorKey,
	name: string
): Promise<Attempt> {
	const scoped = keys.map((k) => {
		if (k.limiter.shared?.attempts !== shared) throw new Error('limits of one attempt mix stores');
		return { ...k, scope: k.limiter.shared.scope };
	});
	const now = keys[0]!.limiter.now();
	const { wait, ids } = await shared.reserve(
		scoped.map((k) => ({
			scope: k.scope,
			key: k.key,
			max: k.limiter.max,
			windowMs: k.limiter.windowMs
		})),
		now
	);
	if (wait > 0) throw lockedError(locked, wait, name);
	return onceSettled((clear) => {
		const taken = scoped.map((k, i) => ({
			scope: k.scope,
			key: k.key,
			id: ids[i]!,
			clear: clear && k.clearOnPass === true
		}));
		shared.takeBack(taken).catch(() => {
			// Not taken back: the attempt stays counted until its window ends. Safe side.
		});
	});
}

function lockedError(locked: ErrorKey, wait: number, name: string): FoyerError {
	refused(name);
	return new FoyerError(locked, { minutes: Math.ceil(wait / 60_000) }, 429);
}

/** An attempt whose outcome is acted on once: passed (clear) or cancelled. */
function onceSettled(takeBack: (clear: boolean) => void): Attempt {
	let settled = false;
	const settle = (clear: boolean) => {
		if (settled) return;
		settled = true;
		takeBack(clear);
	};
	return { passed: () => settle(true), cancelled: () => settle(false) };
}
