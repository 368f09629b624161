import {
	Counter,
	Gauge,
	Histogram,
	Registry,
	collectDefaultMetrics,
	type LabelValues
} from 'prom-client';

/** The content type of Prometheus' text exposition format 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Latency buckets in seconds: a push or an fsync'd write is milliseconds; a stall, seconds. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What the metrics read when scraped: counts that live elsewhere (sockets, print jobs). */
export interface MetricSources {
	/** Sockets connected now, per site and kind (kiosk, board, panel, desk, unpaired). */
	screens(): { site: string; kind: string; count: number }[];
	/** Print jobs not yet printed, per site and printer. */
	printQueue(): { site: string; printer: string; jobs: number }[];
}

/**
 * Foyer's Prometheus metrics (docs/operations.md lists them), in a registry of its own so two
 * servers in one test process do not share counters. One per process: every site the process
 * serves adds its sources and labels what it counts with its site. Gauges are read from their sources when
 * scraped; histograms and counters are fed by hooks at the store, the realtime layer, the
 * payments and the attempt limits.
 */
export class FoyerMetrics {
	readonly registry = new Registry();
	readonly pushLatency: Histogram<'site' | 'event'>;
	readonly writeLatency: Histogram<'site' | 'op'>;
	readonly settlements: Counter<'site' | 'provider' | 'method'>;
	readonly notificationsRejected: Counter<'site' | 'provider' | 'reason'>;
	readonly paymentsFlagged: Counter<'site' | 'reason'>;
	readonly refusals: Counter<'site' | 'limiter'>;
	readonly #sources = new Set<MetricSources>();

	constructor(options: { defaults?: boolean } = {}) {
		const registers = [this.registry];
		const sources = {
			screens: () => [...this.#sources].flatMap((s) => s.screens()),
			printQueue: () => [...this.#sources].flatMap((s) => s.printQueue())
		};
		if (options.defaults !== false) {
			// Unprefixed (process_cpu_seconds_total, nodejs_eventloop_lag_seconds …): the names
			// the usual Node.js dashboards expect.
			collectDefaultMetrics({ register: this.registry });
		}
		new Gauge({
			name: 'foyer_connected_screens',
			help: 'Socket.IO connections now, by site and kind (kiosk, board, panel, desk, unpaired).',
			labelNames: ['site', 'kind'],
			registers,
			collect() {
				this.reset();
				for (const s of sources.screens()) this.set({ site: s.site, kind: s.kind }, s.count);
			}
		});
		new Gauge({
			name: 'foyer_print_queue_jobs',
			help: 'Print jobs queued and not yet printed, by site and printer.',
			labelNames: ['site', 'printer'],
			registers,
			collect() {
				this.reset();
				for (const p of sources.printQueue()) {
					this.set({ site: p.site, printer: p.printer }, p.jobs);
				}
			}
		});
		this.pushLatency = new Histogram({
			name: 'foyer_push_latency_seconds',
			help: 'From a domain event to its push leaving for the sockets, by push event.',
			labelNames: ['site', 'event'],
			buckets: LATENCY_BUCKETS,
			registers
		});
		this.writeLatency = new Histogram({
			name: 'foyer_store_write_seconds',
			help: 'Store writes until durable (fsync or commit), by operation.',
			labelNames: ['site', 'op'],
			buckets: LATENCY_BUCKETS,
			registers
		});
		this.settlements = new Counter({
			name: 'foyer_payment_settlements_total',
			help: 'QR payments settled, by provider and how (notification, query, reconciliation).',
			labelNames: ['site', 'provider', 'method'],
			registers
		});
		this.notificationsRejected = new Counter({
			name: 'foyer_payment_notifications_rejected_total',
			help: 'Payment notifications refused: bad signature, unknown order, malformed.',
			labelNames: ['site', 'provider', 'reason'],
			registers
		});
		this.paymentsFlagged = new Counter({
			name: 'foyer_payments_flagged_total',
			help: 'Payments that could not be settled as they came (amountMismatch, latePayment …).',
			labelNames: ['site', 'reason'],
			registers
		});
		this.refusals = new Counter({
			name: 'foyer_attempt_limit_refusals_total',
			help: 'Requests refused by an attempt or request limit, by limiter.',
			labelNames: ['site', 'limiter'],
			registers
		});
	}

	/** Reads a site's gauges from `sources` until the returned function is called. */
	addSources(sources: MetricSources): () => void {
		this.#sources.add(sources);
		return () => this.#sources.delete(sources);
	}

	/** The exposition text (format 0.0.4). */
	text(): Promise<string> {
		return this.registry.metrics();
	}
}

/** Times `work` into `histogram` with `labels`, in seconds, whether it succeeds or fails. */
export async function timed<T extends string, R>(
	histogram: Histogram<T>,
	labels: LabelValues<T>,
	work: () => Promise<R>
): Promise<R> {
	const end = histogram.startTimer(labels);
	try {
		return await work();
	} finally {
		end();
	}
}
