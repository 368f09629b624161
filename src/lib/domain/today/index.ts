import type { Bill, LedgerEntry } from '../fees';
import type { Device } from '../device';
import type { Ticket } from '../queue';
import type { PublicRoomsBoard } from '../rooms-board';
import type { BusinessHours, SlaTargets } from '../sla';
import { dayKey } from '../time';
import type { WorkOrder } from '../work-order';
import { todayMoney, type TodayMoney } from './money';
import { todayQueue, type TodayQueue } from './queue';
import { todayRooms, type TodayRooms } from './rooms';
import { todayScreens, type PrinterHealth, type TodayScreens } from './screens';
import { todayWork, type TodayWork } from './work';

export type { TodayMoney, TodayQueue, TodayRooms, TodayScreens, TodayWork, PrinterHealth };
export type { Offline } from './screens';
export type { TodayMeeting } from './rooms';

/**
 * The manager's "today" (概览): the center's day at a glance, computed from the records alone
 * (definitions in docs/reports.md#today-概览). Nothing personal: counts, sums, room and device
 * names, and meeting titles only where the lobby's room screens show them too.
 */
export interface TodayOverview {
	/** When it was computed (ISO, the server's clock). */
	at: string;
	/** The site's business day, YYYY-MM-DD. */
	day: string;
	queue: TodayQueue;
	work: TodayWork;
	money: TodayMoney;
	rooms: TodayRooms;
	screens: TodayScreens;
}

/** What the overview is computed from. */
export interface TodayRecords {
	now: Date;
	timeZone: string;
	/** Today's tickets (the queue restarts every site day). */
	tickets: readonly Ticket[];
	workOrders: readonly WorkOrder[];
	hours: BusinessHours;
	targets: SlaTargets;
	/** Ledger entries; only those of today's business day are counted. */
	entries: readonly LedgerEntry[];
	/** Bills; only this month's are counted (the day's target). */
	bills: readonly Pick<Bill, 'period' | 'amountFen'>[];
	/** The rooms board at `now` (rooms-board.ts). */
	rooms: PublicRoomsBoard;
	devices: readonly (Pick<Device, 'id' | 'name' | 'kind' | 'status' | 'lastSeenAt'> & {
		online: boolean;
	})[];
	printers: readonly PrinterHealth[];
}

/** Computes the overview. Pure: the same records and `now` give the same figures. */
export function todayOverview(r: TodayRecords): TodayOverview {
	const day = dayKey(r.now, r.timeZone);
	return {
		at: r.now.toISOString(),
		day,
		queue: todayQueue(
			r.tickets.filter((t) => t.day === day),
			r.now
		),
		work: todayWork(r.workOrders, { hours: r.hours, targets: r.targets, now: r.now }),
		money: todayMoney(r.entries, r.bills, day),
		rooms: todayRooms(r.rooms),
		screens: todayScreens(r.devices, r.printers, r.now)
	};
}
