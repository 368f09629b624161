import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { dailyCloseSchema, summarize, type DailyClose } from '$lib/domain/daily-close';
import { FoyerError } from '$lib/domain/errors';
import { receiptNumber, type LedgerEntry } from '$lib/domain/fees';
import type { Doc, FoyerStore } from '../store/contract';
import type { Actor } from '../audit/audit';
import type { Drawer } from '$lib/domain/fees';
import type { FeesDeps } from './fees-deps';

const closesDocSchema = z.object({ closes: z.array(dailyCloseSchema) });
type ClosesDoc = z.infer<typeof closesDocSchema>;

/** Closed drawer-days (日结). A small document: one record per cashier and day. */
export class DailyCloses {
	private constructor(
		private readonly doc: Doc<ClosesDoc>,
		private readonly deps: FeesDeps
	) {}

	static async open(store: FoyerStore, deps: FeesDeps): Promise<DailyCloses> {
		const doc = await store.doc('closes', {
			defaults: { closes: [] },
			parse: (d) => closesDocSchema.parse(d)
		});
		return new DailyCloses(doc, deps);
	}

	get(cashierId: string, day: string): DailyClose | undefined {
		return this.doc.data.closes.find((c) => c.cashierId === cashierId && c.day === day);
	}

	isClosed(cashierId: string, day: string): boolean {
		return this.get(cashierId, day) !== undefined;
	}

	/** Closes of a day, or of every day (newest first). */
	list(day?: string): DailyClose[] {
		return this.doc.data.closes.filter((c) => !day || c.day === day).reverse();
	}

	/** Call inside the fees mutex, with the drawer's entries of that day. */
	async close(
		actor: Actor & object,
		drawer: Drawer,
		day: string,
		entries: readonly LedgerEntry[]
	): Promise<DailyClose> {
		if (this.isClosed(drawer.id, day)) throw new FoyerError('error.alreadyClosed', { day }, 409);
		const record: DailyClose = {
			id: randomUUID(),
			cashierId: drawer.id,
			cashierName: drawer.name,
			day,
			closedAt: this.deps.clock.now().toISOString(),
			closedBy: actor.username,
			summary: summarize(entries, receiptNumber)
		};
		await this.doc.update((d) => {
			d.closes.push(record);
		});
		await this.deps.audit.record(actor, 'fees.closed', record.id, {
			cashier: drawer.id,
			day,
			netFen: record.summary.netFen
		});
		this.deps.events.emit('fees:closed', record);
		return record;
	}
}
