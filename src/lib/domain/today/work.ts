import type { BusinessHours, SlaTargets } from '../sla';
import type { WorkOrder } from '../work-order';
import { slaOf } from '../work-order-sla';

/** Open work orders by where they stand against their SLA now, and complaints to call back. */
export interface TodayWork {
	open: { ok: number; dueSoon: number; overdue: number };
	/** Complaints resolved and waiting for their follow-up call (回访). */
	awaitingFollowUp: number;
}

/** Still being worked: not finished, not yet resolved (its SLA has a live clock). */
export function isOpenWork(o: Pick<WorkOrder, 'status'>): boolean {
	return !['resolved', 'followedUp', 'closed', 'rejected', 'cancelled'].includes(o.status);
}

/** A complaint that cannot close before its follow-up call. */
export function awaitsFollowUp(o: Pick<WorkOrder, 'status' | 'category'>): boolean {
	return o.category === 'complaint' && o.status === 'resolved';
}

/**
 * Open orders by SLA state at `now`, with the SLA module's own rule (work-order-sla.ts: the
 * response target until accepted, then resolution; business hours; paused on hold), so the
 * counts agree with the badges on the work-order list and the boards.
 */
export function todayWork(
	orders: readonly WorkOrder[],
	sla: { hours: BusinessHours; targets: SlaTargets; now: Date }
): TodayWork {
	const open = { ok: 0, dueSoon: 0, overdue: 0 };
	let awaitingFollowUp = 0;
	for (const o of orders) {
		if (awaitsFollowUp(o)) awaitingFollowUp++;
		if (isOpenWork(o)) open[slaOf(o, sla.hours, sla.targets, sla.now).state]++;
	}
	return { open, awaitingFollowUp };
}
