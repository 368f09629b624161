import { describe, expect, it } from 'vitest';
import type { PrintJob } from './schema';
import { PrinterWorker, type Outcome, type Timers } from './worker';

/** Timers that only record what was asked; `fire()` runs the pending one. */
class FakeTimers implements Timers {
	asked: number[] = [];
	#pending: (() => void) | null = null;
	setTimeout(fn: () => void, ms: number): unknown {
		this.asked.push(ms);
		this.#pending = fn;
		return fn;
	}
	clearTimeout(handle: unknown): void {
		if (this.#pending === handle) this.#pending = null;
	}
	fire(): void {
		const fn = this.#pending;
		this.#pending = null;
		fn?.();
	}
	get sleeping(): boolean {
		return this.#pending !== null;
	}
}

function job(id: string): PrintJob {
	return { id } as PrintJob;
}

/** Resolves when `check` holds, re-checking after every macrotask. */
async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setImmediate(r));
	expect(check()).toBe(true);
}

function setup(outcomes: Outcome[] = []) {
	const timers = new FakeTimers();
	const tried: string[] = [];
	const delays: number[] = [];
	const worker = new PrinterWorker({
		timers,
		backoffMs: [1000, 2000, 5000],
		attempt: (id, a) => {
			tried.push(id);
			delays.push(a.retryInMs);
			return Promise.resolve(outcomes.shift() ?? 'done');
		},
		onSettled: () => undefined,
		onError: (e) => {
			throw e;
		}
	});
	return { worker, timers, tried, delays };
}

describe('PrinterWorker', () => {
	it('sends jobs in seq order even when their writes finish out of order', async () => {
		const { worker, tried } = setup();
		let finishFirst!: (j: PrintJob) => void;
		worker.add({ seq: 1, job: new Promise((r) => (finishFirst = r)) });
		worker.add({ seq: 2, job: Promise.resolve(job('b')) });
		for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
		expect(tried).toEqual([]);
		finishFirst(job('a'));
		await until(() => tried.length === 2);
		expect(tried).toEqual(['a', 'b']);
		expect(worker.size).toBe(0);
	});

	it('backs off 1 s, 2 s, 5 s, then stays at the cap, keeping later jobs behind the head', async () => {
		const { worker, timers, tried, delays } = setup(['retry', 'retry', 'retry', 'retry']);
		worker.add({ seq: 1, job: Promise.resolve(job('a')) });
		worker.add({ seq: 2, job: Promise.resolve(job('b')) });
		for (let n = 1; n <= 4; n++) {
			await until(() => timers.sleeping);
			expect(tried).toEqual(Array(n).fill('a'));
			timers.fire();
		}
		await until(() => tried.length === 6);
		expect(tried).toEqual(['a', 'a', 'a', 'a', 'a', 'b']);
		expect(timers.asked).toEqual([1000, 2000, 5000, 5000]);
		expect(delays.slice(0, 4)).toEqual([1000, 2000, 5000, 5000]);
	});

	it('keeps sleeping when a job is added, and wake() tries now with the backoff reset', async () => {
		const { worker, timers, tried, delays } = setup(['retry', 'retry']);
		worker.add({ seq: 1, job: Promise.resolve(job('a')) });
		await until(() => timers.sleeping);
		worker.add({ seq: 2, job: Promise.resolve(job('b')) });
		await new Promise((r) => setImmediate(r));
		expect(tried).toEqual(['a']);
		worker.wake();
		await until(() => tried.length === 2);
		expect(delays).toEqual([1000, 1000]);
	});

	it('goes round again at once when woken during an attempt that then fails', async () => {
		const timers = new FakeTimers();
		let release!: () => void;
		let tries = 0;
		const worker = new PrinterWorker({
			timers,
			backoffMs: [1000],
			attempt: () => {
				tries += 1;
				if (tries > 1) return Promise.resolve('done');
				return new Promise<Outcome>((r) => (release = () => r('retry')));
			},
			onSettled: () => undefined,
			onError: () => undefined
		});
		worker.add({ seq: 1, job: Promise.resolve(job('a')) });
		await until(() => tries === 1);
		worker.wake(); // staff pressed "retry" while the first attempt was still out
		release();
		await until(() => worker.size === 0);
		expect(tries).toBe(2);
		expect(timers.asked).toEqual([]);
	});

	it('drops a job whose write failed and one that is no longer pending', async () => {
		const { worker, tried } = setup(['skip']);
		worker.add({ seq: 1, job: Promise.resolve(null) });
		worker.add({ seq: 2, job: Promise.resolve(job('cancelled')) });
		worker.add({ seq: 3, job: Promise.resolve(job('c')) });
		await until(() => worker.size === 0);
		expect(tried).toEqual(['cancelled', 'c']);
	});

	it('closes without waiting for a sleeping retry', async () => {
		const { worker, timers } = setup(['retry']);
		worker.add({ seq: 1, job: Promise.resolve(job('a')) });
		await until(() => timers.sleeping);
		await worker.close();
		expect(timers.sleeping).toBe(false);
	});
});
