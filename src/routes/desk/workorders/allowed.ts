import { canWork } from '$lib/domain/permissions';
import type { Role } from '$lib/domain/staff';
import { ACTIONS, canClose, nextStatus, type Action, type WorkOrder } from '$lib/domain/work-order';

/** Who is looking: the roles decide, and a technician's own orders are theirs to work. */
export interface Viewer {
	id: string;
	roles: readonly Role[];
}

/**
 * The actions this person may take on this order now, in the table's order. The service
 * checks the same on every request; this only decides which buttons to show.
 */
export function allowedActions(
	order: Pick<WorkOrder, 'status' | 'category' | 'technicianId'>,
	viewer: Viewer
): Action[] {
	return ACTIONS.filter(
		(a) =>
			nextStatus(order.status, a) !== null &&
			canWork(viewer, order, a) &&
			// A complaint closes only after its follow-up call: no button that can only fail.
			(a !== 'close' || canClose(order))
	);
}
