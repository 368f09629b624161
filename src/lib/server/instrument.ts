import type { DomainEvent, DomainEventBus, DomainEvents } from './events';
import { onRefusal } from './http/refusals';
import { DEFAULT_SITE, type Logger } from './ops/logger';
import type { FoyerMetrics } from './ops/metrics';

/**
 * The record an event is about, by id: what its log line names. Never the payload itself —
 * it may hold a resident's name, phone or address (docs/operations.md).
 */
const RECORD: { [K in DomainEvent]: (...args: DomainEvents[K]) => string | null } = {
	'notice:published': (n) => n.id,
	'notice:cleared': (n) => n.id,
	'site:updated': () => null,
	// A session is named by nothing in a log: its hash would let a reader match a cookie.
	'session:ended': () => null,
	'staff:changed': ({ staffId }) => staffId,
	'device:changed': (d) => d.id,
	'device:reload': ({ deviceId }) => deviceId,
	'queue:changed': ({ call }) => call?.label ?? null,
	'fees:changed': ({ unitId, entry }) => entry?.id ?? unitId,
	'fees:closed': (c) => c.id,
	'payment:updated': ({ intent }) => intent.id,
	'payment:settled': ({ intent }) => intent.id,
	'payment:flagged': (i) => i.id,
	'sla:changed': () => null,
	'rating:added': (r) => r.id,
	'booking:changed': (b) => b.id,
	'booking:avFailed': ({ booking }) => booking.id,
	'workOrder:changed': (o) => o.id,
	'print:changed': (c) => (c.type === 'job' ? c.job.id : c.printer.id)
};

/** Logs one line per domain event: its name, the site and the record's id. */
export function eventLogger(logger: Logger) {
	return <K extends DomainEvent>(event: K, args: DomainEvents[K]): void => {
		const record = (RECORD[event] as (...a: DomainEvents[K]) => string | null)(...args);
		logger.info({ kind: 'event', event, site: DEFAULT_SITE, record }, event);
	};
}

/** Feeds the payment and refusal counters from the events; returns the unsubscribe. */
export function countOperations(events: DomainEventBus, metrics: FoyerMetrics): () => void {
	const site = DEFAULT_SITE;
	const stops = [
		events.on('payment:settled', ({ intent }) =>
			metrics.settlements.inc({
				site,
				provider: intent.provider,
				method: intent.settledBy ?? 'unknown'
			})
		),
		events.on('payment:flagged', (i) =>
			metrics.paymentsFlagged.inc({ site, reason: i.flags.at(-1)?.reason ?? 'unknown' })
		),
		onRefusal((limiter) => metrics.refusals.inc({ site, limiter }))
	];
	return () => {
		for (const stop of stops) stop();
	};
}
