import { demand, type Acting } from '$lib/domain/permissions';
import { dayKey, type Clock } from '$lib/domain/time';
import { todayOverview, type TodayOverview } from '$lib/domain/today';
import type { DeviceService } from '../devices/devices';
import type { FeesService } from '../fees/ledger';
import type { PrintQueue } from '../printing';
import type { QueueService } from '../queue/queue';
import type { SiteService } from '../site/site';
import type { SlaSettings } from '../work-orders/sla-settings';
import type { WorkOrderService } from '../work-orders/work-orders';
import type { PublicRoomsBoard } from '$lib/domain/rooms-board';

export interface TodayDeps {
	clock: Clock;
	site: SiteService;
	queue: QueueService;
	workOrders: WorkOrderService;
	sla: SlaSettings;
	fees: FeesService;
	devices: DeviceService;
	printing: PrintQueue;
	/** The rooms board now (the lobby's, so private titles stay hidden the same way). */
	rooms: () => PublicRoomsBoard;
	/** Whether a paired screen has a socket open now (the realtime layer knows). */
	online: (deviceId: string) => boolean;
}

/**
 * The manager's live "today" (概览) at the desk: the figures of domain/today computed from
 * the services' records now. Who may see it is one permission (`overview.view`); the realtime
 * layer pushes `compute()` to those desks only.
 */
export class TodayService {
	constructor(private readonly deps: TodayDeps) {}

	/** The overview for someone at the desk; refused (403) unless they may see it. */
	view(who: Acting): Promise<TodayOverview> {
		demand(who.roles, 'overview.view');
		return this.compute();
	}

	/** The overview now, for pushes to desks already allowed to see it. */
	async compute(): Promise<TodayOverview> {
		const { deps } = this;
		const now = deps.clock.now();
		const timeZone = deps.site.site.timeZone;
		const day = dayKey(now, timeZone);
		return todayOverview({
			now,
			timeZone,
			tickets: await deps.queue.today(),
			workOrders: deps.workOrders.all(),
			hours: deps.sla.hours,
			targets: deps.sla.targets,
			entries: [...deps.fees.ledgerBetween(day, day)],
			bills: [{ period: day.slice(0, 7), amountFen: deps.fees.billedFen(day.slice(0, 7)) }],
			rooms: deps.rooms(),
			devices: deps.devices.list().map((d) => ({ ...d, online: deps.online(d.id) })),
			printers: deps.printing.status().map(({ id, name, state, downSince }) => ({
				id,
				name,
				state,
				downSince
			}))
		});
	}
}
