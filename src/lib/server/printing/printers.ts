import { FoyerError } from '$lib/domain/errors';
import type { Doc, FoyerStore } from '../store/contract';
import {
	printerConfigSchema,
	printersDocSchema,
	type PrintJobError,
	type PrinterConfig,
	type PrinterStatus,
	type PrintersDoc
} from './schema';

/** Codes that mean the printer could not be reached at all (as opposed to reached and failing). */
const OFFLINE = new Set(['refused', 'timeout', 'unreachable', 'notFound', 'notConfigured']);

interface Health {
	state: PrinterStatus['state'];
	lastError: PrintJobError | null;
	lastPrintedAt: string | null;
	nextAttemptAt: string | null;
	/** When it went offline or into error (the first failure of this run of failures). */
	downSince: string | null;
}

/**
 * The configured printers (the `printers` document) and how each is doing. Health is learnt
 * from real jobs (and probes), kept in memory: after a restart a printer is `unknown` until it
 * prints or is probed.
 */
export class PrinterRegistry {
	readonly #health = new Map<string, Health>();

	private constructor(private readonly doc: Doc<PrintersDoc>) {}

	static async open(store: FoyerStore): Promise<PrinterRegistry> {
		const doc = await store.doc('printers', {
			defaults: { printers: [] },
			parse: (d) => printersDocSchema.parse(d)
		});
		return new PrinterRegistry(doc);
	}

	list(): PrinterConfig[] {
		return this.doc.data.printers.map((p) => ({ ...p }));
	}

	get(id: string): PrinterConfig | undefined {
		return this.doc.data.printers.find((p) => p.id === id);
	}

	/** Adds or replaces a printer (validated). Returns it and the version it replaced. */
	async save(
		input: unknown
	): Promise<{ printer: PrinterConfig; previous: PrinterConfig | undefined }> {
		const printer = printerConfigSchema.parse(input);
		const previous = this.get(printer.id);
		await this.doc.update((d) => {
			d.printers = [...d.printers.filter((p) => p.id !== printer.id), printer];
		});
		// A new address deserves a fresh look, not the old address's verdict.
		if (previous?.target !== printer.target) this.#health.delete(printer.id);
		return { printer, previous };
	}

	async remove(id: string): Promise<PrinterConfig> {
		const printer = this.get(id);
		if (!printer) throw new FoyerError('error.printerNotFound', {}, 404);
		await this.doc.update((d) => {
			d.printers = d.printers.filter((p) => p.id !== id);
		});
		this.#health.delete(id);
		return printer;
	}

	succeeded(id: string, at: string): void {
		this.#health.set(id, {
			state: 'online',
			lastError: null,
			lastPrintedAt: at,
			nextAttemptAt: null,
			downSince: null
		});
	}

	/** Reachable but not tried yet (a successful probe). */
	reachable(id: string): void {
		const h = this.#of(id);
		this.#health.set(id, { ...h, state: 'online', lastError: null, downSince: null });
	}

	failed(id: string, error: PrintJobError, nextAttemptAt: string | null): void {
		if (error.code === 'aborted') return; // our own shutdown says nothing about the printer
		const state = OFFLINE.has(error.code) ? 'offline' : 'error';
		const h = this.#of(id);
		// Down since the first failure: retries while it stays down do not restart the count.
		const down = h.state === 'offline' || h.state === 'error';
		const downSince = down ? (h.downSince ?? error.at) : error.at;
		this.#health.set(id, { ...h, state, lastError: error, nextAttemptAt, downSince });
	}

	status(id: string, queue: { size: number; busy: boolean }): PrinterStatus | null {
		const p = this.get(id);
		if (!p) return null;
		const h = this.#of(id);
		return {
			id: p.id,
			name: p.name,
			location: p.location ?? null,
			paper: p.paper,
			target: p.target,
			state: h.state,
			queued: queue.size,
			printing: queue.busy,
			lastError: h.lastError,
			lastPrintedAt: h.lastPrintedAt,
			nextAttemptAt: queue.size ? h.nextAttemptAt : null,
			downSince: h.downSince
		};
	}

	#of(id: string): Health {
		return (
			this.#health.get(id) ?? {
				state: 'unknown',
				lastError: null,
				lastPrintedAt: null,
				nextAttemptAt: null,
				downSince: null
			}
		);
	}
}
