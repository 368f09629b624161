import { dueAt, slaElapsedMs, slaState, type BusinessHours, type SlaTargets } from './sla';
import type { WorkOrder } from './work-order';

/** Warn this far into a target (80%): the board turns amber. */
export const DUE_SOON_RATIO = 0.8;

/** Where an order stands against its SLA now. */
export interface SlaView {
	/** response: waiting to be accepted; resolution: being worked; done: resolved or finished. */
	phase: 'response' | 'resolution' | 'done';
	state: 'ok' | 'dueSoon' | 'overdue';
	/** When it turns amber and red if nothing changes (null while on hold or done). */
	dueSoonAt: string | null;
	dueAt: string | null;
	/** On hold: the resolution clock is stopped. */
	paused: boolean;
	/** Business time used of the current target, ms. */
	elapsedMs: number;
	targetMs: number;
}

/**
 * The SLA of one order at `now`: the response target runs from report to acceptance, the
 * resolution target from report to resolved, in business hours, stopped while on hold.
 */
export function slaOf(
	order: Pick<
		WorkOrder,
		'at' | 'category' | 'status' | 'respondedAt' | 'resolvedAt' | 'closedAt' | 'pauses' | 'history'
	>,
	hours: BusinessHours,
	targets: SlaTargets,
	now: Date
): SlaView {
	const target = targets[order.category];
	const start = new Date(order.at);
	const finished = ['closed', 'rejected', 'cancelled'].includes(order.status);
	if (finished || order.resolvedAt) {
		// Cancelled or rejected without being resolved: measured to when that happened.
		const end = new Date(
			order.resolvedAt ?? order.closedAt ?? order.history.at(-1)?.at ?? now.toISOString()
		);
		const elapsedMs = slaElapsedMs(hours, { start, now: end, pauses: pausesOf(order) });
		const targetMs = target.resolutionMinutes * 60_000;
		return {
			phase: 'done',
			state: slaState({ elapsedMs, targetMs, dueSoonRatio: 1 }) === 'overdue' ? 'overdue' : 'ok',
			dueSoonAt: null,
			dueAt: null,
			paused: false,
			elapsedMs,
			targetMs
		};
	}
	const phase = order.respondedAt ? 'resolution' : 'response';
	const targetMs =
		(phase === 'response' ? target.responseMinutes : target.resolutionMinutes) * 60_000;
	// Only the resolution clock stops on hold; a report waits for an answer regardless.
	const pauses = phase === 'resolution' ? pausesOf(order) : [];
	const elapsedMs = slaElapsedMs(hours, { start, now, pauses });
	const paused = pauses.some((p) => p.to === null);
	const at = (ratio: number) => {
		const d = dueAt(hours, { start, pauses, targetMs: targetMs * ratio, now });
		return d ? d.toISOString() : null;
	};
	const state = slaState({ elapsedMs, targetMs, dueSoonRatio: DUE_SOON_RATIO });
	return {
		phase,
		state,
		dueSoonAt: paused ? null : at(DUE_SOON_RATIO),
		dueAt: paused ? null : at(1),
		paused,
		elapsedMs,
		targetMs
	};
}

/** On-hold spans as the SLA clock takes them; one still open runs until `now`. */
function pausesOf(order: Pick<WorkOrder, 'pauses'>) {
	return order.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
}
