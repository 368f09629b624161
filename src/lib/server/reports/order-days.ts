import { addDays } from '$lib/domain/reports/period';
import type { WorkOrder } from '$lib/domain/work-order';
import type { WorkOrderService } from '../work-orders/work-orders';

/** Days kept: the look-back of a quarter beside the one before, over two years. */
const KEEP_DAYS = 800;

/** The day an order was reported on, from its id (the store files records by it). */
const dayOfId = (id: string) => `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}`;

/**
 * Work orders older than the months the work-order service keeps in memory, kept once read
 * from the store. Those orders were finished when Foyer started and are not in memory, so
 * nothing can change them while it runs (a rating or a step needs the order in memory): a
 * report reads such a day from the store once. Kept without the report's text, chips, photos
 * and token, which no figure uses (about 1 KB an order).
 */
export class OrderDays {
	readonly #days = new Map<string, WorkOrder[]>();

	constructor(private readonly workOrders: WorkOrderService) {}

	/** The stored orders reported on `from`..`to` that are older than memory's window. */
	async between(from: string, to: string): Promise<WorkOrder[]> {
		const kept = this.workOrders.keptSince();
		const last = to < kept ? to : addDays(kept, -1);
		if (from > last) return [];
		const missing: string[] = [];
		for (let day = from; day <= last; day = addDays(day, 1))
			if (!this.#days.has(day)) missing.push(day);
		if (missing.length > 0) {
			const fresh = new Map<string, WorkOrder[]>(missing.map((d) => [d, []]));
			for (const o of await this.workOrders.reportedBetween(missing[0]!, missing.at(-1)!)) {
				fresh.get(dayOfId(o.id))?.push({ ...o, text: '', chips: [], photos: [], rateToken: '' });
			}
			for (const [day, orders] of fresh) this.#days.set(day, orders);
			while (this.#days.size > KEEP_DAYS) this.#days.delete(this.#days.keys().next().value!);
		}
		const out: WorkOrder[] = [];
		for (let day = from; day <= last; day = addDays(day, 1))
			out.push(...(this.#days.get(day) ?? []));
		return out;
	}
}
