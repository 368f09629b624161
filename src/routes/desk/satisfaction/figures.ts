import type { BusinessHours, SlaTargets } from '$lib/domain/sla';
import { dayKey } from '$lib/domain/time';
import type { WorkOrder } from '$lib/domain/work-order';
import { slaOf } from '$lib/domain/work-order-sla';

const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;

/** The month asked for (YYYY-MM), else `fallback`. */
export function monthOf(param: string | null, fallback: string): string {
	return param && MONTH.test(param) ? param : fallback;
}

/** The month `by` months from `month`: shiftMonth('2026-01', -1) is '2025-12'. */
export function shiftMonth(month: string, by: number): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const d = new Date(Date.UTC(y, m - 1 + by, 1));
	return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export interface SlaCompliance {
	/** Orders resolved in the month (by the day they were resolved, in the site's time zone). */
	resolved: number;
	within: number;
	overdue: number;
	/** within / resolved; null with nothing resolved. */
	rate: number | null;
}

/** The month's SLA compliance: the share of orders resolved within their resolution target. */
export function slaCompliance(
	orders: readonly WorkOrder[],
	month: string,
	sla: { hours: BusinessHours; targets: SlaTargets; now: Date; timeZone: string }
): SlaCompliance {
	const tz = sla.timeZone;
	const resolved = orders.filter(
		(o) => o.resolvedAt !== null && dayKey(new Date(o.resolvedAt), tz).slice(0, 7) === month
	);
	const within = resolved.filter(
		(o) => slaOf(o, sla.hours, sla.targets, sla.now).state === 'ok'
	).length;
	return {
		resolved: resolved.length,
		within,
		overdue: resolved.length - within,
		rate: resolved.length ? within / resolved.length : null
	};
}

/**
 * A rate as people read it against a target, 94.9%: rounded down, so a missed 95% target
 * never shows as "95.0%".
 */
export function percent(rate: number): string {
	return `${(Math.floor(rate * 1000 + 1e-9) / 10).toFixed(1)}%`;
}
