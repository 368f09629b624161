import { businessMsBetween, slaElapsedMs, type BusinessHours, type SlaTargets } from '../sla';
import { quantiles, rate } from '../stats';
import { CATEGORIES, type Category, type Status, type WorkOrder } from '../work-order';
import type { SiteTime } from './site-time';
import type { ReportPeriod, SlaFigures, WorkOrderFigures } from './types';

export interface WorkOrderInput {
	period: ReportPeriod;
	time: SiteTime;
	orders: Iterable<WorkOrder>;
	hours: BusinessHours;
	targets: SlaTargets;
	/** When the report is computed: orders still open are measured up to now. */
	now: number;
}

/** Statuses an order is resolved or finished in. */
const RESOLVED: readonly Status[] = ['resolved', 'followedUp', 'closed'];
/** Statuses an order is being worked in (a move back into one after resolving is a reopening). */
const WORKING: readonly Status[] = ['submitted', 'accepted', 'dispatched', 'inProgress', 'onHold'];

class SlaCount {
	responseMeasured = 0;
	responseMet = 0;
	resolutionMeasured = 0;
	resolutionMet = 0;
	responseTimes: number[] = [];
	resolutionTimes: number[] = [];

	done(): SlaFigures {
		const stats = (v: number[]) => {
			const [p50Ms, p90Ms] = quantiles(v, [0.5, 0.9]);
			return { count: v.length, p50Ms: p50Ms ?? null, p90Ms: p90Ms ?? null };
		};
		return {
			responseMeasured: this.responseMeasured,
			responseMet: this.responseMet,
			responseRate: rate(this.responseMet, this.responseMeasured),
			resolutionMeasured: this.resolutionMeasured,
			resolutionMet: this.resolutionMet,
			resolutionRate: rate(this.resolutionMet, this.resolutionMeasured),
			responseTime: stats(this.responseTimes),
			resolutionTime: stats(this.resolutionTimes)
		};
	}
}

const pausesUntil = (o: WorkOrder, until: number) =>
	o.pauses
		.filter((p) => Date.parse(p.from) < until)
		.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

/** When an order was finished (closed, cancelled, rejected), from its history; null if not. */
function finishedAt(o: WorkOrder): string | null {
	if (o.closedAt) return o.closedAt;
	if (o.status !== 'cancelled' && o.status !== 'rejected') return null;
	return o.history.findLast((h) => h.to === o.status)?.at ?? null;
}

/**
 * Work orders of a period (docs/reports.md "Work orders"): the orders reported in the period
 * (by the report's time) for volumes, SLA and complaints; the state at the period's end for
 * overdue and on hold; the history's moves inside the period for holds and reopenings.
 */
export function workOrderFigures(i: WorkOrderInput): WorkOrderFigures {
	const [start, end] = i.time.bounds(i.period);
	// Instants as ISO strings compare as text: no date parsing for the records outside.
	const startIso = new Date(start).toISOString();
	const endIso = new Date(end).toISOString();
	const cut = Math.min(end, i.now);
	const cutIso = new Date(cut).toISOString();
	const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	const bySource = { kiosk: 0, phone: 0, desk: 0 };
	const sla = new SlaCount();
	const slaBy = Object.fromEntries(CATEGORIES.map((c) => [c, new SlaCount()])) as Record<
		Category,
		SlaCount
	>;
	let created = 0;
	let cancelled = 0;
	let rejected = 0;
	let overdueAtEnd = 0;
	let onHoldAtEnd = 0;
	let heldInPeriod = 0;
	let reopened = 0;
	let redispatched = 0;
	const complaints = { count: 0, closedWithFollowUp: 0, closedWithinTarget: 0 };
	for (const o of i.orders) {
		if (o.at >= endIso) continue;
		const at = Date.parse(o.at);
		const target = i.targets[o.category];
		const responseTarget = target.responseMinutes * 60_000;
		const resolutionTarget = target.resolutionMinutes * 60_000;
		if (o.at >= startIso) {
			created++;
			byCategory[o.category]++;
			bySource[o.source]++;
			if (o.status === 'cancelled') cancelled++;
			else if (o.status === 'rejected') rejected++;
			else {
				const c = slaBy[o.category];
				const resolution = measure(i, o, responseTarget, resolutionTarget);
				for (const s of [sla, c]) {
					if (resolution.response) {
						s.responseMeasured++;
						if (resolution.response.met) s.responseMet++;
						if (resolution.response.ms !== null) s.responseTimes.push(resolution.response.ms);
					}
					if (resolution.resolution) {
						s.resolutionMeasured++;
						if (resolution.resolution.met) s.resolutionMet++;
						if (resolution.resolution.ms !== null) s.resolutionTimes.push(resolution.resolution.ms);
					}
				}
				if (o.category === 'complaint') {
					complaints.count++;
					if (o.status === 'closed' && o.followUp) {
						complaints.closedWithFollowUp++;
						if (resolution.resolution?.met) complaints.closedWithinTarget++;
					}
				}
			}
		}
		// The state at the period's end (or now, for a period not over yet).
		const done = finishedAt(o);
		const open = (done === null || done >= cutIso) && (o.resolvedAt ?? cutIso) >= cutIso;
		if (open && o.at < cutIso) {
			const responded = o.respondedAt !== null && o.respondedAt < cutIso;
			const late = responded
				? slaElapsedMs(i.hours, {
						start: new Date(at),
						now: new Date(cut),
						pauses: pausesUntil(o, cut)
					}) > resolutionTarget
				: businessMsBetween(i.hours, new Date(at), new Date(cut)) > responseTarget;
			if (late) overdueAtEnd++;
			if (o.pauses.some((p) => p.from < cutIso && (!p.to || p.to >= cutIso))) onHoldAtEnd++;
		}
		let held = false;
		let back = false;
		let again = false;
		// History is in time order: only its tail can fall in the period.
		for (let k = o.history.length - 1; k >= 0 && o.history[k]!.at >= startIso; k--) {
			const h = o.history[k]!;
			if (h.at >= endIso) continue;
			if (h.action === 'hold') held = true;
			if (h.from && RESOLVED.includes(h.from) && WORKING.includes(h.to)) back = true;
			if (h.action === 'dispatch' && (h.from === 'dispatched' || h.from === 'onHold')) again = true;
		}
		if (held) heldInPeriod++;
		if (back) reopened++;
		if (again) redispatched++;
	}
	return {
		created,
		byCategory,
		bySource,
		cancelled,
		rejected,
		sla: sla.done(),
		slaByCategory: Object.fromEntries(CATEGORIES.map((c) => [c, slaBy[c].done()])) as Record<
			Category,
			SlaFigures
		>,
		overdueAtEnd,
		onHoldAtEnd,
		heldInPeriod,
		reopened,
		redispatched,
		complaints: { ...complaints, rate: rate(complaints.closedWithinTarget, complaints.count) }
	};
}

interface Outcome {
	met: boolean;
	/** Business time taken; null when not done yet (missed while still open). */
	ms: number | null;
}

/**
 * One order's response and resolution against its targets, as of now: done ones by the time
 * they took; open ones count as missed once past the target, and are not counted before that.
 */
function measure(
	i: WorkOrderInput,
	o: WorkOrder,
	responseTarget: number,
	resolutionTarget: number
): { response: Outcome | null; resolution: Outcome | null } {
	const start = new Date(o.at);
	const now = new Date(i.now);
	const taken = takenOf(i.hours, o);
	let response: Outcome | null = null;
	if (taken.response !== null) {
		const ms = taken.response;
		response = { met: ms <= responseTarget, ms };
	} else if (businessMsBetween(i.hours, start, now) > responseTarget) {
		response = { met: false, ms: null };
	}
	let resolution: Outcome | null = null;
	const pauses = pausesUntil(o, Number.POSITIVE_INFINITY);
	if (taken.resolution !== null) {
		const ms = taken.resolution;
		resolution = { met: ms <= resolutionTarget, ms };
	} else if (slaElapsedMs(i.hours, { start, now, pauses }) > resolutionTarget) {
		resolution = { met: false, ms: null };
	}
	return { response, resolution };
}

/**
 * Business time an order took to its response and to its resolution (null: not yet), kept
 * per order object and business-hours object. Both are fixed once they happened, and a
 * changed order or changed hours is a new object, so a kept value is never stale; reports
 * on the same orders then skip the calendar walk.
 */
const taken = new WeakMap<BusinessHours, WeakMap<WorkOrder, Taken>>();
interface Taken {
	response: number | null;
	resolution: number | null;
}

function takenOf(hours: BusinessHours, o: WorkOrder): Taken {
	let byOrder = taken.get(hours);
	if (!byOrder) taken.set(hours, (byOrder = new WeakMap()));
	let t = byOrder.get(o);
	if (!t) {
		const start = new Date(o.at);
		t = {
			response: o.respondedAt ? businessMsBetween(hours, start, new Date(o.respondedAt)) : null,
			resolution: o.resolvedAt
				? slaElapsedMs(hours, {
						start,
						now: new Date(o.resolvedAt),
						pauses: pausesUntil(o, Number.POSITIVE_INFINITY)
					})
				: null
		};
		byOrder.set(o, t);
	}
	return t;
}
