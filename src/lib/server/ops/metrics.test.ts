import { describe, expect, it } from 'vitest';
import { FoyerMetrics } from './metrics';
import { Readiness } from './readiness';

describe('the metrics', () => {
	const metrics = () => {
		const m = new FoyerMetrics({ defaults: false });
		m.addSources({
			screens: () => [
				{ site: 'default', kind: 'board', count: 3 },
				{ site: 'default', kind: 'desk', count: 1 }
			],
			printQueue: () => [{ site: 'default', printer: 'front-desk', jobs: 2 }]
		});
		return m;
	};

	it('reads gauges from their sources when scraped, in the text format with HELP and TYPE', async () => {
		const text = await metrics().text();
		expect(text).toContain('# TYPE foyer_connected_screens gauge');
		expect(text).toContain('foyer_connected_screens{site="default",kind="board"} 3');
		expect(text).toContain('foyer_connected_screens{site="default",kind="desk"} 1');
		expect(text).toContain('foyer_print_queue_jobs{site="default",printer="front-desk"} 2');
	});

	it("reads every site's sources, and a site's no more once it is removed", async () => {
		const m = new FoyerMetrics({ defaults: false });
		const site = (name: string, count: number) =>
			m.addSources({
				screens: () => [{ site: name, kind: 'board', count }],
				printQueue: () => []
			});
		site('north', 2);
		const removeSouth = site('south', 5);
		let text = await m.text();
		expect(text).toContain('foyer_connected_screens{site="north",kind="board"} 2');
		expect(text).toContain('foyer_connected_screens{site="south",kind="board"} 5');
		removeSouth();
		text = await m.text();
		expect(text).toContain('foyer_connected_screens{site="north",kind="board"} 2');
		expect(text).not.toContain('site="south"');
	});

	it('counts settlements and refusals by their labels and buckets latencies in seconds', async () => {
		const m = metrics();
		m.settlements.inc({ site: 'default', provider: 'sandbox', method: 'notification' });
		m.settlements.inc({ site: 'default', provider: 'sandbox', method: 'notification' });
		m.refusals.inc({ site: 'default', limiter: 'login' });
		m.writeLatency.observe({ site: 'default', op: 'append' }, 0.0003);
		const text = await m.text();
		expect(text).toContain(
			'foyer_payment_settlements_total{site="default",provider="sandbox",method="notification"} 2'
		);
		expect(text).toContain('foyer_attempt_limit_refusals_total{site="default",limiter="login"} 1');
		expect(text).toContain(
			'foyer_store_write_seconds_bucket{le="0.0005",site="default",op="append"} 1'
		);
		expect(text).toContain('# TYPE foyer_push_latency_seconds histogram');
	});

	it('includes the process metrics unless told not to', async () => {
		const m = new FoyerMetrics();
		expect(await m.text()).toContain('process_cpu_user_seconds_total');
	});
});

describe('readiness', () => {
	it('is ready while the store answers, and not once draining or closed', async () => {
		let state: 'open' | 'closed' = 'open';
		const r = new Readiness({ state: 'open', ping: () => Promise.resolve() });
		expect(await r.check()).toEqual({ ready: true });
		r.drain();
		expect(await r.check()).toEqual({ ready: false, reason: 'shuttingDown' });
		const closed = new Readiness({
			get state() {
				return state;
			},
			ping: () => Promise.resolve()
		});
		state = 'closed';
		expect(await closed.check()).toEqual({ ready: false, reason: 'storeClosed' });
	});

	it('is not ready when the store does not answer within the timeout', async () => {
		const hung = new Readiness({ state: 'open', ping: () => new Promise(() => {}) }, 20);
		expect(await hung.check()).toEqual({ ready: false, reason: 'storeUnreachable' });
		const broken = new Readiness({ state: 'open', ping: () => Promise.reject(new Error('x')) });
		expect(await broken.check()).toEqual({ ready: false, reason: 'storeUnreachable' });
	});
});
