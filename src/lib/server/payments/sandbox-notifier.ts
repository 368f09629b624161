import type { Clock } from '$lib/domain/time';
import { newNonce, signNotification } from './sandbox-protocol';

/** Timers the notifier waits with between attempts; tests pass their own. */
export interface Timers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
	setTimeout(fn, ms) {
		// A re-send pending must not keep a stopping server alive.
		return setTimeout(fn, ms).unref();
	},
	clearTimeout(handle) {
		clearTimeout(handle as NodeJS.Timeout);
	}
};

/** Waits before each re-send of an unanswered notification: 2 s, 10 s, 30 s, 60 s. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2000, 10_000, 30_000, 60_000];

export interface NotifierOptions {
	clock: Clock;
	secret: string;
	fetch: typeof fetch;
	timers: Timers;
	retryDelaysMs: readonly number[];
	/** One attempt gives up after this long (real time), like a provider's HTTP client. */
	requestTimeoutMs: number;
	log: (message: string, error?: unknown) => void;
}

/**
 * Delivers notifications the way a payment provider does: at least once, until the receiver
 * answers 2xx, re-sending after each delay in `retryDelaysMs`, then giving up (Foyer's status
 * query covers a notification that never got through). Every attempt carries the same body
 * (same notification id) but is signed afresh with the current time, since a re-send minutes
 * later must not arrive stale. Pending re-sends live in memory only; a restart drops them.
 */
export class Notifier {
	readonly #timers = new Set<unknown>();
	readonly #inFlight = new Set<AbortController>();
	readonly #attempts = new Set<Promise<void>>();
	#stopped = false;

	constructor(private readonly o: NotifierOptions) {}

	/** Starts delivering `body` to `url`; the first attempt begins before this returns. */
	send(url: string, body: string): void {
		this.#attempt(url, body, 0);
	}

	/** Resolves once no attempt is in flight (re-sends waiting on a timer do not count). */
	async idle(): Promise<void> {
		while (this.#attempts.size > 0) await Promise.all(this.#attempts);
	}

	/** Cancels waiting re-sends and aborts attempts in flight; later sends are dropped. */
	stop(): void {
		this.#stopped = true;
		for (const handle of this.#timers) this.o.timers.clearTimeout(handle);
		this.#timers.clear();
		for (const controller of this.#inFlight) controller.abort();
	}

	#attempt(url: string, body: string, attempt: number): void {
		if (this.#stopped) return;
		const done = this.#deliver(url, body, attempt).finally(() => this.#attempts.delete(done));
		this.#attempts.add(done);
	}

	/** One attempt and, if it failed, the timer for the next. Never rejects. */
	async #deliver(url: string, body: string, attempt: number): Promise<void> {
		const delivered = await this.#post(url, body);
		if (delivered || this.#stopped) return;
		const delay = this.o.retryDelaysMs[attempt];
		if (delay === undefined) {
			this.o.log(`sandbox: gave up notifying ${url} after ${attempt + 1} attempts`);
			return;
		}
		const handle = this.o.timers.setTimeout(() => {
			this.#timers.delete(handle);
			this.#attempt(url, body, attempt + 1);
		}, delay);
		this.#timers.add(handle);
	}

	/** One POST; true when the receiver answered 2xx. Never rejects. */
	async #post(url: string, body: string): Promise<boolean> {
		const controller = new AbortController();
		this.#inFlight.add(controller);
		try {
			const headers = signNotification(this.o.secret, body, {
				timestamp: Math.floor(this.o.clock.now().getTime() / 1000),
				nonce: newNonce()
			});
			const response = await this.o.fetch(url, {
				method: 'POST',
				headers: { ...headers, 'Content-Type': 'application/json' },
				body,
				signal: AbortSignal.any([controller.signal, AbortSignal.timeout(this.o.requestTimeoutMs)])
			});
			// Read the reply so the connection is released; its content does not matter.
			await response.text();
			if (response.ok) return true;
			this.o.log(`sandbox: ${url} answered ${response.status}`);
			return false;
		} catch (error) {
			if (!this.#stopped) this.o.log(`sandbox: notifying ${url} failed`, error);
			return false;
		} finally {
			this.#inFlight.delete(controller);
		}
	}
}
