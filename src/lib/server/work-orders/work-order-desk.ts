import { FoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import type { WorkOrder } from '$lib/domain/work-order';
import type { QueueService } from '../queue/queue';
import type { WorkActor, WorkOrderService } from './work-orders';

/** A report taken at the desk (a phone call, a walk-in), as its form sent it. */
export interface DeskReport {
	category: unknown;
	where: 'unit' | 'area';
	unitId: string;
	areaId: string;
	chips: string[];
	text: string;
	/** The caller's phone tail, typed or empty. */
	phoneTail: string;
}

/** What the work-order desk does: workflow steps, and reports taken at a counter or by phone. */
export class WorkOrderDesk {
	constructor(private readonly deps: { workOrders: WorkOrderService; queue: QueueService }) {}

	/** One step of the workflow; the order service checks it against who is acting. */
	act(who: Acting, id: string, input: Record<string, unknown>): Promise<WorkOrder> {
		return this.deps.workOrders.act(workActor(who), id, input);
	}

	/**
	 * A report taken at the desk. At a counter serving a ticket (`counterId`), the visit becomes
	 * the case record; a ticket gone meanwhile does not undo the report.
	 */
	async report(who: Acting, r: DeskReport, o: { counterId: string | null }): Promise<WorkOrder> {
		demand(who.roles, 'workOrders.report');
		const tail = r.phoneTail.trim();
		if (tail && !/^\d{4}$/.test(tail)) throw new FoyerError('error.phoneTailFormat');
		const location =
			r.where === 'area' ? { kind: 'area', areaId: r.areaId } : { kind: 'unit', unitId: r.unitId };
		const actor = workActor(who);
		const order = await this.deps.workOrders.submit(
			{ category: r.category, location, chips: r.chips, text: r.text },
			{ source: 'desk', residentId: null, phoneTail: tail || null, actor }
		);
		const serving = o.counterId ? await this.deps.queue.currentOf(o.counterId) : undefined;
		if (serving) {
			await this.deps.queue
				.link(actor, serving.id, { kind: 'workOrder', id: order.id })
				.catch(() => {});
		}
		return order;
	}
}

/** Who acts on a work order, as the order service and its audit entries name them. */
function workActor(who: Acting): WorkActor {
	return { id: who.id, username: who.username, roles: who.roles };
}
