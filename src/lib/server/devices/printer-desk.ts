import { FoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import { dateTime, type Clock } from '$lib/domain/time';
import type { SiteService } from '../site/site';
import { auditActor } from '../staff/acting';
import { testPageDocument, type PrintQueue, type PrinterConfig } from '../printing';

/** What the printer form sends: `mode=add` for a new printer, else a change to `id`. */
export interface PrinterForm {
	mode: 'add' | 'edit';
	id: string;
	name: string;
	target: string;
	paper: number;
	location: string;
}

/**
 * The desk's printer actions. Anyone on the printers page may test, probe and retry or cancel
 * jobs; adding or changing a printer changes where receipts go, so only those allowed
 * `printers.manage` may.
 */
export class PrinterDesk {
	constructor(private readonly deps: { printing: PrintQueue; site: SiteService; clock: Clock }) {}

	/** Adds a printer or changes one; the schema in savePrinter validates. */
	async save(who: Acting, form: PrinterForm): Promise<PrinterConfig> {
		demand(who.roles, 'printers.manage');
		const existing = this.deps.printing.printerList().find((p) => p.id === form.id);
		if (form.mode === 'add' && existing) {
			throw new FoyerError('error.printerIdTaken', { id: form.id }, 409);
		}
		return this.deps.printing.savePrinter(auditActor(who), {
			// Keep what this form does not show (columns, ack).
			...existing,
			id: form.id,
			name: form.name,
			target: form.target,
			paper: form.paper,
			location: form.location || undefined
		});
	}

	/** Prints a test page; its QR leads back to the printers page at `origin`. */
	async test(who: Acting, id: string, origin: string): Promise<PrinterConfig> {
		demand(who.roles, 'printers.use');
		const printer = this.#printer(id);
		const document = testPageDocument({
			paper: printer.paper,
			columns: printer.columns,
			printerName: printer.name,
			target: printer.target,
			printedAt: dateTime(this.deps.clock.now(), this.deps.site.site.timeZone),
			// The origin is ASCII (an international domain comes punycoded), as a QR needs.
			qrData: `${origin}/desk/printers`
		});
		await this.deps.printing.enqueue(auditActor(who), {
			printerId: printer.id,
			kind: 'test',
			document
		});
		return printer;
	}

	/** Asks the printer how it is now. */
	async probe(who: Acting, id: string) {
		demand(who.roles, 'printers.use');
		return this.deps.printing.probe(this.#printer(id).id);
	}

	async retry(who: Acting, jobId: string): Promise<void> {
		demand(who.roles, 'printers.use');
		await this.deps.printing.retry(auditActor(who), jobId);
	}

	async cancel(who: Acting, jobId: string): Promise<void> {
		demand(who.roles, 'printers.use');
		await this.deps.printing.cancel(auditActor(who), jobId);
	}

	#printer(id: string): PrinterConfig {
		const printer = this.deps.printing.printerList().find((p) => p.id === id);
		if (!printer) throw new FoyerError('error.printerNotFound', {}, 404);
		return printer;
	}
}
