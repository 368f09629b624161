import { roomsBoard, type PublicRoomsBoard } from '$lib/domain/rooms-board';
import { dayKey, type Clock } from '$lib/domain/time';
import {
	backOfficeBoard,
	publicBoard,
	type BackOfficeBoard,
	type BoardContext,
	type PublicWorkBoard
} from '$lib/domain/work-order-board';
import type { BookingService } from '../rooms/bookings';
import type { RoomSettings } from '../rooms/settings';
import type { SiteService } from '../site/site';
import type { SlaSettings } from '../work-orders/sla-settings';
import type { People } from '../staff/people';
import type { WorkOrderService } from '../work-orders/work-orders';

/** The boards whose content moves with the clock (work orders, rooms), computed now. */
export interface WorkBoards {
	public(): PublicWorkBoard;
	backOffice(): BackOfficeBoard;
	rooms(): PublicRoomsBoard;
}

export function workBoards(deps: {
	clock: Clock;
	site: SiteService;
	sla: SlaSettings;
	workOrders: WorkOrderService;
	people: Pick<People, 'nameOf'>;
	rooms: RoomSettings;
	bookings: BookingService;
}): WorkBoards {
	const ctx = (): BoardContext => ({
		site: deps.site.site,
		hours: deps.sla.hours,
		targets: deps.sla.targets,
		now: deps.clock.now(),
		staffName: (id) => deps.people.nameOf(id)
	});
	return {
		public: () => publicBoard(deps.workOrders.all(), ctx()),
		backOffice: () => backOfficeBoard(deps.workOrders.all(), ctx()),
		rooms: () => {
			const now = deps.clock.now();
			const tz = deps.site.site.timeZone;
			// "Later today" on a door panel: until the site's next midnight.
			let dayEnd = now.getTime();
			while (dayKey(new Date(dayEnd), tz) === dayKey(now, tz)) dayEnd += 15 * 60_000;
			return roomsBoard(deps.site.site.rooms, deps.bookings.all(), now, deps.rooms.policy, dayEnd);
		}
	};
}
