import type { PrintJob } from './schema';

/** Timers the queue sleeps with; tests pass their own, or call retryNow() instead of waiting. */
export interface Timers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
	setTimeout(fn, ms) {
		// A retry pending must not keep a stopping server alive.
		return setTimeout(fn, ms).unref();
	},
	clearTimeout(handle) {
		clearTimeout(handle as NodeJS.Timeout);
	}
};

/** Waits between attempts of a failing job: 1 s, 2 s, 5 s, 10 s, then every 30 s. */
export const DEFAULT_BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000] as const;

/** done: the job went out; retry: it failed, sleep then try it again; skip: it is no longer pending. */
export type Outcome = 'done' | 'retry' | 'skip';

/** A job waiting for its printer. `job` settles once it is durably stored (null if that failed). */
export interface PendingEntry {
	seq: number;
	id?: string;
	job: Promise<PrintJob | null>;
}

export interface WorkerOptions {
	timers: Timers;
	backoffMs: readonly number[];
	/** Tries one job; `retryInMs` is how long the worker will sleep if it fails. */
	attempt(id: string, options: { signal: AbortSignal; retryInMs: number }): Promise<Outcome>;
	/** After each attempt, once the line is up to date (for a fresh printer status). */
	onSettled(): void;
	onError(error: unknown): void;
}

/**
 * Sends one printer's jobs one at a time, in seq order, and sleeps with a growing delay while
 * the head job keeps failing (later jobs wait behind it: a receipt must not overtake the
 * ticket before it). One worker per printer is what makes "printed" happen once per job.
 */
export class PrinterWorker {
	#pending: PendingEntry[] = [];
	#running: Promise<void> | null = null;
	#timer: unknown = null;
	#failures = 0;
	#abort: AbortController | null = null;
	/** wake() came during an attempt: if it fails, try again at once instead of sleeping. */
	#woken = false;
	#closed = false;

	constructor(private readonly o: WorkerOptions) {}

	/** Jobs waiting, including one being sent. */
	get size(): number {
		return this.#pending.length;
	}

	/** Adds a job in seq order. A worker sleeping after a failure keeps sleeping (backoff holds). */
	add(entry: PendingEntry): void {
		void entry.job.then((j) => {
			if (j) entry.id = j.id;
		});
		const i = this.#pending.findIndex((e) => e.seq > entry.seq);
		if (i < 0) this.#pending.push(entry);
		else this.#pending.splice(i, 0, entry);
		if (this.#timer === null) this.#start();
	}

	/** Whether a job is waiting here (known by id once its write finished). */
	has(id: string): boolean {
		return this.#pending.some((e) => e.id === id);
	}

	/** Forgets a job that is no longer pending (printed, cancelled, given up). */
	remove(id: string): void {
		this.#pending = this.#pending.filter((e) => e.id !== id);
	}

	/** Stops sleeping and tries the head job now, with the backoff starting over. */
	wake(): void {
		if (this.#timer !== null) this.o.timers.clearTimeout(this.#timer);
		this.#timer = null;
		this.#failures = 0;
		if (this.#running) this.#woken = true;
		else this.#start();
	}

	/** Stops: no new attempt; a send in flight is aborted (its job stays queued). */
	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer !== null) this.o.timers.clearTimeout(this.#timer);
		this.#timer = null;
		this.#abort?.abort();
		await this.#running;
	}

	#start(): void {
		if (this.#running || this.#closed) return;
		this.#running = this.#loop()
			.catch((e: unknown) => this.o.onError(e))
			.finally(() => {
				this.#running = null;
				// A job added between the loop's last look and now would otherwise wait for a wake.
				if (this.#pending.length && this.#timer === null) this.#start();
			});
	}

	async #loop(): Promise<void> {
		while (!this.#closed) {
			const head = this.#pending[0];
			if (!head) {
				this.#failures = 0;
				return;
			}
			const job = await head.job;
			if (this.#pending[0] !== head) continue; // a job put back in front, or a cancel, meanwhile
			if (!job) {
				this.#drop(head);
				continue;
			}
			const delay = this.#delay();
			let outcome: Outcome;
			this.#abort = new AbortController();
			this.#woken = false;
			try {
				outcome = await this.o.attempt(job.id, { signal: this.#abort.signal, retryInMs: delay });
			} catch (e) {
				// The store failed (disk full?): the job is still pending; try again later.
				this.o.onError(e);
				outcome = 'retry';
			} finally {
				this.#abort = null;
			}
			let sleeping = false;
			if (outcome !== 'retry') {
				if (outcome === 'done') this.#failures = 0;
				this.#drop(head);
			} else if (this.#woken) {
				this.#failures = 0; // wake() during the attempt: go round again now
			} else {
				this.#failures += 1;
				sleeping = !this.#closed;
				if (sleeping) this.#sleep(delay);
			}
			this.o.onSettled();
			if (sleeping) return;
		}
	}

	#drop(entry: PendingEntry): void {
		this.#pending = this.#pending.filter((e) => e !== entry);
	}

	#delay(): number {
		const b = this.o.backoffMs;
		return b[Math.min(this.#failures, b.length - 1)] ?? 1000;
	}

	#sleep(ms: number): void {
		this.#timer = this.o.timers.setTimeout(() => {
			this.#timer = null;
			this.#start();
		}, ms);
	}
}
