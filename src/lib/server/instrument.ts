import type { DomainEvent, DomainEventBus, DomainEvents } from './events';
import { onRefusal } from './http/refusals';
import { errorFields, type Logger } from './ops/logger';
import { FoyerMetrics } from './ops/metrics';
import { setOperationalSink } from './ops/operational';
import type { PrintQueue } from './printing';
import type { Realtime } from './realtime/realtime';

/**
 * What a site's Foyer reports through: a `log` for the services' operational lines (naming the
 * site), the store's deep lines sent to the process's logger (until `stopSink`), and the
 * metrics — the process's, shared by its sites — whose gauges read the realtime layer and the
 * print queue, built after the store, so they are set in `late`.
 */
export function instrumentation(root: Logger, site: string, shared?: FoyerMetrics) {
	const logger = root.child({ site });
	const log = (message: string, error: unknown) =>
		logger.error({ err: errorFields(error) }, message);
	const stopSink = setOperationalSink((level, message, error) =>
		root[level](error === undefined ? {} : { err: errorFields(error) }, message)
	);
	const late: { realtime?: Realtime; printing?: PrintQueue } = {};
	const metrics = shared ?? new FoyerMetrics();
	const stopSources = metrics.addSources({
		screens: () =>
			Object.entries(late.realtime?.screens() ?? {}).map(([kind, count]) => ({
				site,
				kind,
				count
			})),
		printQueue: () =>
			(late.printing?.status() ?? []).map((p) => ({ site, printer: p.id, jobs: p.queued }))
	});
	return {
		logger,
		log,
		metrics,
		late,
		stop: () => {
			stopSources();
			stopSink();
		}
	};
}

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

/** Logs one line per domain event: its name and the record's id (the site's logger adds the site). */
export function eventLogger(logger: Logger) {
	return <K extends DomainEvent>(event: K, args: DomainEvents[K]): void => {
		const record = (RECORD[event] as (...a: DomainEvents[K]) => string | null)(...args);
		logger.info({ kind: 'event', event, record }, event);
	};
}

/**
 * A warning when a printer goes offline or into error, and a line when it is back: once per
 * change of state, not per retry. (Its `detail` is the system's message: `ECONNREFUSED …`.)
 */
export function watchPrinters(events: DomainEventBus, logger: Logger): () => void {
	const last = new Map<string, string>();
	return events.on('print:changed', (c) => {
		if (c.type !== 'printer') return;
		const { id, state, lastError } = c.printer;
		const before = last.get(id);
		last.set(id, state);
		if (state === before) return;
		const fields = { kind: 'printer', printer: id, state };
		if (state === 'offline' || state === 'error') {
			logger.warn(
				{ ...fields, code: lastError?.code, detail: lastError?.detail },
				`Printer ${id} is ${state}`
			);
		} else if (state === 'online' && (before === 'offline' || before === 'error')) {
			logger.info(fields, `Printer ${id} is back online`);
		}
	});
}

/** Feeds a site's payment counters from its events; returns the unsubscribe. */
export function countOperations(
	events: DomainEventBus,
	metrics: FoyerMetrics,
	site: string
): () => void {
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
		)
	];
	return () => {
		for (const stop of stops) stop();
	};
}

/**
 * Feeds the refusal counter, once per process: the limits say only which limiter refused, and
 * the site is the one being answered for (`siteNow`).
 */
export function countRefusals(metrics: FoyerMetrics, siteNow: () => string): () => void {
	return onRefusal((limiter) => metrics.refusals.inc({ site: siteNow(), limiter }));
}
