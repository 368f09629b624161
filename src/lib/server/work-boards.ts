import type { Clock } from '$lib/domain/time';
import {
	backOfficeBoard,
	publicBoard,
	type BackOfficeBoard,
	type BoardContext,
	type PublicWorkBoard
} from '$lib/domain/work-order-board';
import type { SiteService } from './services/site';
import type { SlaSettings } from './services/sla-settings';
import type { StaffService } from './services/staff';
import type { WorkOrderService } from './services/work-orders';

/** The two work-order boards as the realtime layer asks for them, computed now. */
export interface WorkBoards {
	public(): PublicWorkBoard;
	backOffice(): BackOfficeBoard;
}

export function workBoards(deps: {
	clock: Clock;
	site: SiteService;
	sla: SlaSettings;
	workOrders: WorkOrderService;
	staff: StaffService;
}): WorkBoards {
	const ctx = (): BoardContext => ({
		site: deps.site.site,
		hours: deps.sla.hours,
		targets: deps.sla.targets,
		now: deps.clock.now(),
		staffName: (id) => deps.staff.byId(id)?.displayName ?? null
	});
	return {
		public: () => publicBoard(deps.workOrders.all(), ctx()),
		backOffice: () => backOfficeBoard(deps.workOrders.all(), ctx())
	};
}
