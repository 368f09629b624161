import { can } from '$lib/domain/permissions';
import type { Role } from '$lib/domain/staff';
import { dayKey } from '$lib/domain/time';
import { FINAL, type WorkOrder } from '$lib/domain/work-order';
import { slaOf, type SlaView } from '$lib/domain/work-order-sla';
import { awaitsFollowUp, isOpenWork } from '$lib/domain/today/work';
import type { BusinessHours, SlaTargets } from '$lib/domain/sla';

/**
 * The lists of the work-order desk: still to do, a technician's own, reported today, all, and
 * complaints waiting for their follow-up call (回访).
 */
export const FILTERS = ['open', 'mine', 'today', 'recent', 'followUp'] as const;
export type Filter = (typeof FILTERS)[number];

/** A technician starts on their own orders; everyone else on what is still open. */
export function defaultFilter(roles: readonly Role[]): Filter {
	const runsTheFlow = can(roles, 'workOrders.dispatch');
	return can(roles, 'workOrders.workOwn') && !runsTheFlow ? 'mine' : 'open';
}

/** The filter asked for in the address, else the person's default. */
export function filterOf(param: string | null, roles: readonly Role[]): Filter {
	return (FILTERS as readonly string[]).includes(param ?? '')
		? (param as Filter)
		: defaultFilter(roles);
}

export interface ListContext {
	viewerId: string;
	/** Today, YYYY-MM-DD in the site's time zone. */
	today: string;
	timeZone: string;
}

/** Whether an order belongs in a list. */
export function inList(
	filter: Filter,
	o: Pick<WorkOrder, 'status' | 'technicianId' | 'at' | 'category'>,
	ctx: ListContext
): boolean {
	const open = !FINAL.includes(o.status);
	switch (filter) {
		case 'open':
			return open;
		case 'mine':
			return open && o.technicianId === ctx.viewerId;
		case 'today':
			return dayKey(new Date(o.at), ctx.timeZone) === ctx.today;
		case 'recent':
			return true;
		case 'followUp':
			return awaitsFollowUp(o);
	}
}

/** The SLA states an open list can be narrowed to (`?sla=`), as the overview links them. */
export const SLA_STATES = ['ok', 'dueSoon', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** The SLA state asked for in the address, or null for every state. */
export function slaFilterOf(param: string | null): SlaState | null {
	return (SLA_STATES as readonly string[]).includes(param ?? '') ? (param as SlaState) : null;
}

/**
 * Whether an order is still being worked and stands at `state` against its SLA now: the same
 * rule as the overview's counts (domain/today/work.ts), so a count and its list agree.
 */
export function inSlaState(
	state: SlaState,
	o: WorkOrder,
	sla: { hours: BusinessHours; targets: SlaTargets; now: Date }
): boolean {
	return isOpenWork(o) && slaOf(o, sla.hours, sla.targets, sla.now).state === state;
}

/** The digits of a typed number: 261126-003, 261126003 and 003 all search the same way. */
export function numberQuery(q: string): string {
	return q.replace(/\D/g, '');
}

/** Orders whose number contains the typed digits (none for a query without digits). */
export function byNumber<T extends Pick<WorkOrder, 'number'>>(
	orders: readonly T[],
	q: string
): T[] {
	const digits = numberQuery(q);
	return digits ? orders.filter((o) => o.number.includes(digits)) : [];
}

const RANK = { overdue: 0, dueSoon: 1, ok: 2 } as const;

/**
 * Open lists, most urgent first: overdue, then due soon, then the rest, oldest first within
 * each; finished work (SLA phase done) last.
 */
export function urgentFirst<T extends { at: string; sla: Pick<SlaView, 'phase' | 'state'> }>(
	list: T[]
): T[] {
	const done = (x: T) => (x.sla.phase === 'done' ? 1 : 0);
	return list.sort(
		(a, b) => done(a) - done(b) || RANK[a.sla.state] - RANK[b.sla.state] || a.at.localeCompare(b.at)
	);
}

/** Newest first (today's and the recent list, search results). */
export function newestFirst<T extends { at: string }>(list: T[]): T[] {
	return list.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * A unit as staff type it: 1-2-301, 1 2 301, 1/2/301 or 1栋2单元301 all mean unit id 1-2-301
 * (the demo's and the importer's building-entrance-room form).
 */
export function unitIdOf(typed: string): string {
	return (typed.match(/[0-9A-Za-z]+/g) ?? []).join('-');
}
