import { maskName, maskPhone } from './masking';
import { placeName } from './work-order-place';
import type { Site } from './site';
import type { BusinessHours, SlaTargets } from './sla';
import { dayKey } from './time';
import { FINAL, type Category, type Status, type WorkOrder } from './work-order';
import { slaOf, type SlaView } from './work-order-sla';

/**
 * What the work-order boards show. The public board (lobby) is built here, on the server,
 * with nothing personal in it: locations masked, no free text, no names or phones, complaints
 * only as counts. The back-office board (paired back-office screens only) has the detail.
 */

export type BoardSla = Pick<SlaView, 'phase' | 'state' | 'dueSoonAt' | 'dueAt' | 'paused'>;

export interface PublicWorkOrder {
	number: string;
	category: Exclude<Category, 'complaint'>;
	/** 3栋2单元**01, or a public area's name. */
	place: string;
	/** The same for English screens (the area's English name when it has one). */
	placeEn: string;
	/** The first ready-made phrase (a key under workOrder.chip.), never the resident's text. */
	chip: string | null;
	status: Status;
	createdAt: string;
	sla: BoardSla;
}

export interface WorkBoardCounts {
	/** Reported today, resolved today, still open (all categories, complaints included). */
	submitted: number;
	resolved: number;
	open: number;
	overdue: number;
}

export interface PublicWorkBoard {
	orders: PublicWorkOrder[];
	complaints: { open: number; today: number };
	today: WorkBoardCounts;
}

export interface BackOfficeOrder extends Omit<PublicWorkOrder, 'category'> {
	id: string;
	category: Category;
	/** The full unit (1栋2单元1201) or area. */
	fullPlace: string;
	chips: string[];
	text: string;
	/** Staff read it to call back: name masked to the surname, phone to its tail. */
	resident: string | null;
	technician: string | null;
}

export interface BackOfficeBoard {
	orders: BackOfficeOrder[];
	today: WorkBoardCounts;
}

export interface BoardContext {
	site: Site;
	hours: BusinessHours;
	targets: SlaTargets;
	now: Date;
	staffName: (id: string) => string | null;
}

/** On a board: still open, or finished today (so the day's work stays visible until midnight). */
function onBoard(o: WorkOrder, today: string, tz: string): boolean {
	if (!FINAL.includes(o.status) && o.status !== 'resolved' && o.status !== 'followedUp')
		return true;
	const done = o.resolvedAt ?? o.closedAt ?? o.history.at(-1)?.at ?? o.at;
	return dayKey(new Date(done), tz) === today;
}

const RANK = { overdue: 0, dueSoon: 1, ok: 2 } as const;

function sorted<T extends { sla: BoardSla; createdAt: string; status: Status }>(list: T[]): T[] {
	const open = (x: T) => (x.sla.phase === 'done' ? 1 : 0);
	return list.sort(
		(a, b) =>
			open(a) - open(b) ||
			RANK[a.sla.state] - RANK[b.sla.state] ||
			a.createdAt.localeCompare(b.createdAt)
	);
}

export function counts(orders: readonly WorkOrder[], ctx: BoardContext): WorkBoardCounts {
	const tz = ctx.site.timeZone;
	const today = dayKey(ctx.now, tz);
	const isToday = (iso: string | null) => iso !== null && dayKey(new Date(iso), tz) === today;
	const open = orders.filter((o) => !FINAL.includes(o.status) && !o.resolvedAt);
	return {
		submitted: orders.filter((o) => isToday(o.at)).length,
		resolved: orders.filter((o) => isToday(o.resolvedAt)).length,
		open: open.length,
		overdue: open.filter((o) => slaOf(o, ctx.hours, ctx.targets, ctx.now).state === 'overdue')
			.length
	};
}

function place(o: WorkOrder, site: Site, full: boolean, locale = 'zh-CN'): string {
	return placeName(o.location, site, full, locale);
}

function boardSla(o: WorkOrder, ctx: BoardContext): BoardSla {
	const { phase, state, dueSoonAt, dueAt, paused } = slaOf(o, ctx.hours, ctx.targets, ctx.now);
	return { phase, state, dueSoonAt, dueAt, paused };
}

/** The lobby's board. */
export function publicBoard(orders: readonly WorkOrder[], ctx: BoardContext): PublicWorkBoard {
	const tz = ctx.site.timeZone;
	const today = dayKey(ctx.now, tz);
	const complaints = orders.filter((o) => o.category === 'complaint');
	const shown: PublicWorkOrder[] = [];
	for (const o of orders) {
		if (o.category === 'complaint' || !onBoard(o, today, tz)) continue;
		shown.push({
			number: o.number,
			category: o.category,
			place: place(o, ctx.site, false),
			placeEn: place(o, ctx.site, false, 'en'),
			chip: o.chips[0] ?? null,
			status: o.status,
			createdAt: o.at,
			sla: boardSla(o, ctx)
		});
	}
	return {
		orders: sorted(shown),
		complaints: {
			open: complaints.filter((o) => !FINAL.includes(o.status) && !o.resolvedAt).length,
			today: complaints.filter((o) => dayKey(new Date(o.at), tz) === today).length
		},
		today: counts(orders, ctx)
	};
}

/** The back-office board: every open order and today's finished ones, in detail. */
export function backOfficeBoard(orders: readonly WorkOrder[], ctx: BoardContext): BackOfficeBoard {
	const tz = ctx.site.timeZone;
	const today = dayKey(ctx.now, tz);
	const shown: BackOfficeOrder[] = [];
	for (const o of orders) {
		if (!onBoard(o, today, tz)) continue;
		const resident = o.residentId ? ctx.site.residents.find((r) => r.id === o.residentId) : null;
		shown.push({
			id: o.id,
			number: o.number,
			category: o.category,
			place: place(o, ctx.site, false),
			placeEn: place(o, ctx.site, false, 'en'),
			fullPlace: place(o, ctx.site, true),
			chip: o.chips[0] ?? null,
			chips: o.chips,
			text: o.text,
			status: o.status,
			createdAt: o.at,
			sla: boardSla(o, ctx),
			resident: resident ? `${maskName(resident.name)} ${maskPhone(resident.phone)}` : null,
			technician: o.technicianId ? ctx.staffName(o.technicianId) : null
		});
	}
	return { orders: sorted(shown), today: counts(orders, ctx) };
}
