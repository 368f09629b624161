import { QUEUE_SERVICES, type QueueServiceKey, type Ticket } from '../queue';
import { median } from '../stats';

/** The lobby queue today, as the manager's overview counts it (docs/reports.md#today-概览). */
export interface TodayQueue {
	/** Tickets waiting now, by service. */
	waiting: Record<QueueServiceKey, number>;
	waitingTotal: number;
	/** How long the longest-waiting ticket has been in its line (ms); null when nobody waits. */
	longestWaitMs: number | null;
	longestService: QueueServiceKey | null;
	/** Today's tickets finished at a counter (no-shows are not served). */
	served: number;
	/** Median of queued → called over the served tickets; null ("—") when none was served. */
	medianWaitMs: number | null;
	/** Median of called → finished over the served tickets; null when none was served. */
	medianServiceMs: number | null;
}

/**
 * Today's queue from today's tickets at `now`. A ticket's line time is measured from
 * `queuedAt`, which a transfer keeps at the time it was taken, so a resident sent from one
 * line to another is not counted as having just arrived.
 */
export function todayQueue(tickets: readonly Ticket[], now: Date): TodayQueue {
	const waiting = Object.fromEntries(QUEUE_SERVICES.map((s) => [s.key, 0])) as Record<
		QueueServiceKey,
		number
	>;
	let oldest: Ticket | null = null;
	const waits: number[] = [];
	const services: number[] = [];
	let served = 0;
	for (const t of tickets) {
		if (t.status === 'waiting') {
			waiting[t.service]++;
			if (!oldest || t.queuedAt < oldest.queuedAt) oldest = t;
		} else if (t.status === 'done' && t.calledAt && t.finishedAt) {
			served++;
			waits.push(Date.parse(t.calledAt) - Date.parse(t.queuedAt));
			services.push(Date.parse(t.finishedAt) - Date.parse(t.calledAt));
		}
	}
	return {
		waiting,
		waitingTotal: Object.values(waiting).reduce((a, b) => a + b, 0),
		longestWaitMs: oldest ? Math.max(0, now.getTime() - Date.parse(oldest.queuedAt)) : null,
		longestService: oldest?.service ?? null,
		served,
		medianWaitMs: median(waits),
		medianServiceMs: median(services)
	};
}
