import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import type { Actor, AuditService } from '../audit/audit';
import type { FoyerStore, RecordLog, SectionLock } from '../store/contract';
import { layoutDocument, printDocumentSchema } from './document';
import { render } from './escpos';
import { jobError, withBanner } from './jobs';
import { PrintJobs } from './print-jobs';
import { PrinterRegistry } from './printers';
import {
	printJobSchema,
	printKindSchema,
	type EnqueueInput,
	type PrintChange,
	type PrinterConfig,
	type PrintJob
} from './schema';
import type { DomainEventBus } from '../events';
import { PrintError, send, type SendOptions } from './transport';
import { DEFAULT_BACKOFF_MS, PrinterWorker, realTimers, type Outcome, type Timers } from './worker';

export interface PrintQueueOptions {
	clock: Clock;
	audit: AuditService;
	/** Told of every job and printer change, as `print:changed`. */
	events: DomainEventBus;
	/** What the target `virtual` means: the URL of the app's virtual printer, if it runs. */
	virtualTarget?: () => string | null | undefined;
	/** Printed on top of a job sent again after an attempt that may have printed it (translated). */
	resentMark?: string;
	timers?: Timers;
	backoffMs?: readonly number[];
	/** The transport (tests may pass a fake); transport.ts's send() by default. */
	send?: (target: string, bytes: Buffer, options: SendOptions) => Promise<void>;
	sendOptions?: Pick<SendOptions, 'connectTimeoutMs' | 'timeoutMs'>;
	/** How many days back start-up looks for jobs still to print. */
	resumeDays?: number;
	/**
	 * Whether this process drives the printers from the start (true). With several processes
	 * only the leader does (startWorker/stopWorker): the others only record jobs.
	 */
	drive?: boolean;
	log?: (message: string, error: unknown) => void;
}

/**
 * Print jobs, persisted before anyone waits on a printer. enqueue() resolves as soon as the job
 * is durably queued; one worker per printer sends its jobs in order, marks each printed once,
 * and retries failures with a capped backoff for as long as it takes (or until a job expires).
 *
 * Delivery is at least once: a printer cannot acknowledge paper, so a job whose send broke
 * after bytes left (or that was being sent when the server died) is sent again, with the
 * `resentMark` on top so a duplicate is recognisable.
 */
export class PrintQueue extends PrintJobs {
	#seq = 0;
	#closed = false;
	#driving: boolean;

	private constructor(
		log: RecordLog<PrintJob>,
		printers: PrinterRegistry,
		private readonly o: PrintQueueOptions,
		lock: SectionLock
	) {
		super(log, printers, o.clock, o.audit, lock);
		this.#driving = o.drive ?? true;
	}

	static async open(store: FoyerStore, options: PrintQueueOptions): Promise<PrintQueue> {
		const q = new PrintQueue(
			await store.collection('printjobs', (d) => printJobSchema.parse(d)),
			await PrinterRegistry.open(store),
			options,
			store.lock('printjobs')
		);
		await q.#resume();
		// Jobs recorded by another process (several processes): the one driving the printers
		// takes them on; every process keeps numbering after the highest job it has seen.
		q.log.watch((job) => {
			q.#seq = Math.max(q.#seq, job.seq + 1);
			if (job.status === 'queued') q.#kickSoon();
		});
		return q;
	}

	/**
	 * Queues a job and resolves once it is on disk; never waits for the printer. Rejects only
	 * for the caller's mistakes (unknown printer, invalid document, columns wider than the
	 * paper), never for the printer's state: a payment may still want to catch and log.
	 */
	async enqueue(actor: Actor, input: EnqueueInput): Promise<PrintJob> {
		const printer = this.printers.get(input.printerId);
		if (!printer) throw new FoyerError('error.printerNotFound', {}, 404);
		if (this.#closed) throw new FoyerError('error.printQueueClosed', {}, 503);
		const document = printDocumentSchema.parse(input.document);
		const kind = printKindSchema.parse(input.kind);
		const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
		if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new FoyerError('error.invalid');
		try {
			layoutDocument(document, printer);
		} catch {
			throw new FoyerError('error.printLayout', { paper: printer.paper });
		}
		const seq = this.#seq++;
		const stored = this.log.append({
			seq,
			printerId: printer.id,
			kind,
			document,
			status: 'queued',
			attempts: 0,
			lastError: null,
			nextAttemptAt: null,
			printedAt: null,
			reprintOf: input.reprintOf ?? null,
			maybePrinted: false,
			expiresAt: expiresAt?.toISOString() ?? null,
			by: actor?.username ?? null
		});
		// The worker learns of the job before its write finishes, so jobs go out in seq order even
		// if writes finish out of order; it sends nothing before the job is durable.
		this.worker(printer.id).add({ seq, job: stored.catch(() => null) });
		const job = await stored;
		this.changed(job);
		if (actor) {
			const action = job.reprintOf ? 'print.reprinted' : 'print.queued';
			await this.o.audit.record(actor, action, job.id, { printerId: job.printerId, kind });
		}
		return job;
	}

	/** Stops the workers (a send in flight is aborted and its job stays queued). Call before closing the store. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#closeWorkers();
	}

	/**
	 * This process now drives the printers (it became the cluster's leader): every job still
	 * queued, whichever process recorded it, goes to its printer; one a dead leader was sending
	 * is sent again, marked. Receipts print once per cluster because only one process drives.
	 */
	async startWorker(): Promise<void> {
		if (this.#closed) return;
		this.#driving = true;
		await this.#resume();
	}

	/** Another process drives the printers now: stop sending (jobs stay queued, for it). */
	async stopWorker(): Promise<void> {
		this.#driving = false;
		await this.#closeWorkers();
	}

	/**
	 * Jobs may have been recorded by another process (a follower records, the leader prints):
	 * the driving process looks for queued jobs it does not hold yet. Call when a foreign job
	 * appears; a no-op on a process that does not drive.
	 */
	async kick(): Promise<void> {
		if (this.#driving && !this.#closed) await this.#resume(false);
	}

	#kicking: Promise<void> | null = null;

	/** One kick for a burst of foreign jobs (a bill run's slips). */
	#kickSoon(): void {
		if (this.#kicking) return;
		this.#kicking = new Promise<void>((r) => setImmediate(r))
			.then(() => {
				this.#kicking = null;
				return this.kick();
			})
			.catch((e: unknown) => this.#log('printing: taking on jobs failed', e));
	}

	async #closeWorkers(): Promise<void> {
		const workers = [...this.workers.values()];
		this.workers.clear();
		await Promise.all(workers.map((w) => w.close()));
	}

	protected override nextSeq(): number {
		return this.#seq++;
	}

	protected override makeWorker(printerId: string): PrinterWorker {
		return new PrinterWorker({
			timers: this.o.timers ?? realTimers,
			backoffMs: this.o.backoffMs ?? DEFAULT_BACKOFF_MS,
			attempt: (jobId, a) => this.#attempt(jobId, a),
			onSettled: () => {
				this.emitPrinter(printerId);
			},
			onError: (e) => this.#log('printing: worker error', e)
		});
	}

	protected override resolveTarget(printer: PrinterConfig): string | null {
		return (printer.target === 'virtual' ? this.o.virtualTarget?.() : printer.target) ?? null;
	}

	protected override emit(change: PrintChange): void {
		this.o.events.emit('print:changed', change);
	}

	/**
	 * Re-queues what a previous run (or a dead leader) left: queued jobs and, when `takeOver`,
	 * jobs it was sending when it stopped. A kick does not take over: a job being sent is ours.
	 */
	async #resume(takeOver = true): Promise<void> {
		const jobs = (await this.log.recent(this.o.resumeDays ?? 7)).sort((a, b) => a.seq - b.seq);
		this.#seq = jobs.reduce((m, j) => Math.max(m, j.seq + 1), this.#seq);
		// A process that does not drive the printers leaves every job to the one that does.
		if (!this.#driving) return;
		for (let job of jobs) {
			if (job.status === 'printing' && takeOver) {
				// It may have printed, all or part: send it again (a receipt must not be lost), marked.
				const lastError = jobError('interrupted', this.o.clock.now());
				job = await this.set(job.id, { status: 'queued', maybePrinted: true, lastError });
			}
			// kick() looks again while jobs are pending: each goes to its worker once.
			if (job.status === 'queued' && !this.workers.get(job.printerId)?.has(job.id))
				this.worker(job.printerId).add({ seq: job.seq, job: Promise.resolve(job) });
		}
	}

	async #attempt(id: string, a: { signal: AbortSignal; retryInMs: number }): Promise<Outcome> {
		// Recorded here, printed by the leader (it finds the job on startWorker or kick).
		if (!this.#driving) return 'skip';
		const job = await this.mutex.run(() => this.#claim(id));
		if (!job) return 'skip';
		let error: PrintError | null;
		try {
			error = await this.#deliver(job, a.signal);
		} catch (e) {
			// It cannot be laid out for this printer any more (its paper changed): retrying won't help.
			return this.mutex.run(async () => {
				const lastError = jobError('layout', this.o.clock.now(), String(e));
				this.changed(await this.set(id, { status: 'failed', lastError }));
				return 'skip' as const;
			});
		}
		return this.mutex.run(async () => {
			const now = this.o.clock.now();
			if (!error) {
				this.printers.succeeded(job.printerId, now.toISOString());
				const patch = { status: 'printed', printedAt: now.toISOString(), lastError: null } as const;
				this.changed(await this.set(id, patch));
				return 'done';
			}
			const lastError = jobError(error, now);
			const nextAttemptAt = new Date(now.getTime() + a.retryInMs).toISOString();
			this.printers.failed(job.printerId, lastError, nextAttemptAt);
			const maybePrinted = job.maybePrinted || error.maybeDelivered;
			const patch = { status: 'queued', lastError, nextAttemptAt, maybePrinted } as const;
			this.changed(await this.set(id, patch));
			return 'retry';
		});
	}

	/** queued → printing, durably, so a crash during the send is known at the next start. */
	async #claim(id: string): Promise<PrintJob | null> {
		const job = await this.log.get(id);
		if (!job || job.status !== 'queued') return null;
		const now = this.o.clock.now();
		if (job.expiresAt && job.expiresAt <= now.toISOString()) {
			this.changed(await this.set(id, { status: 'failed', lastError: jobError('expired', now) }));
			return null;
		}
		const claimed = await this.set(id, {
			status: 'printing',
			attempts: job.attempts + 1,
			nextAttemptAt: null
		});
		this.changed(claimed);
		return claimed;
	}

	/** Sends one job; resolves with the PrintError it failed with, or null. Throws only if it cannot be rendered. */
	async #deliver(job: PrintJob, signal: AbortSignal): Promise<PrintError | null> {
		const printer = this.printers.get(job.printerId);
		const target = printer ? this.resolveTarget(printer) : null;
		if (!printer || !target) {
			return new PrintError('notConfigured', printer?.target ?? job.printerId, false);
		}
		const mark = this.o.resentMark ?? '** RESENT **';
		const bytes = render(job.maybePrinted ? withBanner(job.document, mark) : job.document, printer);
		try {
			const options = { ...this.o.sendOptions, ack: printer.ack, signal };
			await (this.o.send ?? send)(target, bytes, options);
			return null;
		} catch (e) {
			return e instanceof PrintError ? e : new PrintError('failed', target, true, String(e));
		}
	}

	#log(message: string, error: unknown): void {
		if (this.o.log) this.o.log(message, error);
		else console.error(message, error);
	}
}
