import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import type { Actor, AuditService } from '../audit/audit';
import type { RecordLog, SectionLock } from '../store/contract';
import { renderPreview, type ReceiptPreview } from './document';
import { jobError, withBanner } from './jobs';
import type { PrinterRegistry } from './printers';
import type {
	EnqueueInput,
	PrintChange,
	PrintJob,
	PrinterConfig,
	PrinterStatus,
	PrintJobStatus
} from './schema';
import { PrintError, probe } from './transport';
import type { PrinterWorker } from './worker';

/**
 * What staff do with print jobs and printers (list, preview, retry, cancel, reprint, set up a
 * printer), kept apart from the sending machinery in PrintQueue. Every job transition runs
 * under one section lock (the database's on several processes), so a cancel can never slip
 * between a worker's check and its write, whichever process each runs in.
 */
export abstract class PrintJobs {
	protected readonly mutex: SectionLock;
	protected readonly workers = new Map<string, PrinterWorker>();
	/** Printer id → the job being sent to it. */
	readonly #sending = new Map<string, string>();

	protected constructor(
		protected readonly log: RecordLog<PrintJob>,
		protected readonly printers: PrinterRegistry,
		private readonly clock: Clock,
		private readonly audit: AuditService,
		lock: SectionLock
	) {
		this.mutex = lock;
	}

	abstract enqueue(actor: Actor, input: EnqueueInput): Promise<PrintJob>;
	protected abstract nextSeq(): number;
	protected abstract makeWorker(printerId: string): PrinterWorker;
	protected abstract emit(change: PrintChange): void;
	/** Where a printer's jobs go: its target, or the virtual printer's URL for `virtual`. */
	protected abstract resolveTarget(printer: PrinterConfig): string | null;

	/** A job by id. */
	get(id: string): Promise<PrintJob | undefined> {
		return this.log.get(id);
	}

	/** Jobs of the last `days` days (today = 1), newest first. */
	async list(
		filter: { days?: number; printerId?: string; status?: PrintJobStatus } = {}
	): Promise<PrintJob[]> {
		const jobs = await this.log.recent(filter.days ?? 1);
		return jobs
			.filter((j) => !filter.printerId || j.printerId === filter.printerId)
			.filter((j) => !filter.status || j.status === filter.status)
			.sort((a, b) => b.seq - a.seq);
	}

	/** The job as its printer will print it (58 mm if its printer is gone). */
	async preview(id: string): Promise<ReceiptPreview> {
		const job = await this.#job(id);
		const p = this.printers.get(job.printerId);
		return renderPreview(job.document, p?.paper ?? 58, p?.columns);
	}

	/** Tries a queued job's printer now, or puts a failed (given-up) job back at the end of the line. */
	async retry(actor: Actor, id: string): Promise<PrintJob> {
		const job = await this.mutex.run(async () => {
			const j = await this.#job(id);
			if (j.status === 'queued') return j;
			if (j.status !== 'failed') throw new FoyerError('error.printJobNotRetryable', {}, 409);
			const seq = this.nextSeq();
			const r = await this.set(id, { status: 'queued', seq, nextAttemptAt: null, expiresAt: null });
			this.worker(r.printerId).add({ seq, job: Promise.resolve(r) });
			this.changed(r);
			return r;
		});
		this.worker(job.printerId).wake();
		await this.audit.record(actor, 'print.retried', id, { printerId: job.printerId });
		return job;
	}

	/** Cancels a job that has not printed. One being sent cannot be stopped: its bytes are on the way. */
	async cancel(actor: Actor, id: string): Promise<PrintJob> {
		const job = await this.mutex.run(async () => {
			const j = await this.#job(id);
			if (j.status === 'printing') throw new FoyerError('error.printJobBusy', {}, 409);
			if (j.status !== 'queued' && j.status !== 'failed') {
				throw new FoyerError('error.printJobNotCancellable', {}, 409);
			}
			const c = await this.set(id, { status: 'cancelled', nextAttemptAt: null });
			this.changed(c);
			return c;
		});
		await this.audit.record(actor, 'print.cancelled', id, { printerId: job.printerId });
		return job;
	}

	/**
	 * Prints a finished job again as a new job pointing at the original; `banner` (translated,
	 * e.g. "重打 REPRINT") goes on top. Receipts usually build their own reprint document instead.
	 */
	async reprint(
		actor: Actor,
		id: string,
		options: { banner?: string; printerId?: string } = {}
	): Promise<PrintJob> {
		const j = await this.#job(id);
		if (j.status === 'queued' || j.status === 'printing') {
			throw new FoyerError('error.printJobPending', {}, 409);
		}
		return this.enqueue(actor, {
			printerId: options.printerId ?? j.printerId,
			kind: j.kind,
			document: options.banner ? withBanner(j.document, options.banner) : j.document,
			reprintOf: j.reprintOf ?? j.id
		});
	}

	/** Wakes one printer's worker (or all): try now instead of waiting out the backoff. */
	retryNow(printerId?: string): void {
		for (const [id, w] of this.workers) if (!printerId || id === printerId) w.wake();
	}

	/** Configured printers. */
	printerList(): PrinterConfig[] {
		return this.printers.list();
	}

	/** Every configured printer's state, for /api/health and the desk. */
	status(): PrinterStatus[] {
		return this.printers.list().map((p) => this.#status(p.id)!);
	}

	/** Checks that a printer can be reached, without printing, and records what was found. */
	async probe(printerId: string): Promise<PrinterStatus> {
		const p = this.printers.get(printerId);
		if (!p) throw new FoyerError('error.printerNotFound', {}, 404);
		const target = this.resolveTarget(p);
		try {
			if (!target) throw new PrintError('notConfigured', p.target, false);
			await probe(target);
			this.printers.reachable(p.id);
		} catch (e) {
			if (!(e instanceof PrintError)) throw e;
			this.printers.failed(p.id, jobError(e, this.clock.now()), null);
		}
		return this.emitPrinter(p.id)!;
	}

	/** Adds or changes a printer. A new target is tried at once. */
	async savePrinter(actor: Actor, input: unknown): Promise<PrinterConfig> {
		const { printer, previous } = await this.printers.save(input);
		await this.audit.record(actor, 'printer.saved', printer.id, { ...printer });
		if (previous?.target !== printer.target) this.workers.get(printer.id)?.wake();
		this.emitPrinter(printer.id);
		return printer;
	}

	/** Removes a printer that has nothing left to print. */
	async removePrinter(actor: Actor, id: string): Promise<void> {
		if (this.workers.get(id)?.size) throw new FoyerError('error.printerHasJobs', {}, 409);
		await this.printers.remove(id);
		await this.workers.get(id)?.close();
		this.workers.delete(id);
		await this.audit.record(actor, 'printer.removed', id);
	}

	protected worker(printerId: string): PrinterWorker {
		let w = this.workers.get(printerId);
		if (!w) this.workers.set(printerId, (w = this.makeWorker(printerId)));
		return w;
	}

	protected async set(id: string, patch: Partial<PrintJob>): Promise<PrintJob> {
		const job = await this.log.update(id, (j) => ({ ...j, ...patch }));
		if (!job) throw new FoyerError('error.printJobNotFound', {}, 404);
		return job;
	}

	/** Tells listeners about a job and its printer's new counts. */
	protected changed(job: PrintJob): void {
		// Keep the counts in step with the job before anyone reads them.
		if (job.status === 'printing') this.#sending.set(job.printerId, job.id);
		else if (this.#sending.get(job.printerId) === job.id) this.#sending.delete(job.printerId);
		if (job.status !== 'queued' && job.status !== 'printing') {
			this.workers.get(job.printerId)?.remove(job.id);
		}
		this.emit({ type: 'job', job });
		this.emitPrinter(job.printerId);
	}

	/** Tells listeners how a printer is doing now; returns that status. */
	protected emitPrinter(id: string): PrinterStatus | null {
		const s = this.#status(id);
		if (s) this.emit({ type: 'printer', printer: s });
		return s;
	}

	#status(id: string): PrinterStatus | null {
		const w = this.workers.get(id);
		return this.printers.status(id, { size: w?.size ?? 0, busy: this.#sending.has(id) });
	}

	async #job(id: string): Promise<PrintJob> {
		const job = await this.log.get(id);
		if (!job) throw new FoyerError('error.printJobNotFound', {}, 404);
		return job;
	}
}
