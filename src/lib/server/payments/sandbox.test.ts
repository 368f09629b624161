import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import type { IncomingNotification } from './provider';
import { SandboxProvider, type SandboxOptions, type Timers } from './sandbox';

const SECRET = 'sandbox-test-secret';

/** Timers that only record what was asked; `fire()` runs the earliest pending callback. */
class FakeTimers implements Timers {
	asked: number[] = [];
	#pending: (() => void)[] = [];
	setTimeout(fn: () => void, ms: number): unknown {
		this.asked.push(ms);
		this.#pending.push(fn);
		return fn;
	}
	clearTimeout(handle: unknown): void {
		this.#pending = this.#pending.filter((fn) => fn !== handle);
	}
	fire(): void {
		this.#pending.shift()?.();
	}
	get pending(): number {
		return this.#pending.length;
	}
}

/** Resolves when `check` holds, re-checking after every macrotask. */
async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setImmediate(r));
	expect(check()).toBe(true);
}

/** A real loopback HTTP server standing in for Foyer's notify endpoint. */
async function notifyEndpoint(answer: (n: IncomingNotification) => number) {
	const received: (IncomingNotification & { path: string })[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers = Object.fromEntries(
				Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])
			);
			const n = { headers, body: Buffer.concat(chunks).toString('utf8') };
			received.push({ ...n, path: req.url ?? '' });
			res.writeHead(answer(n), { 'Content-Type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
	return { origin: `http://127.0.0.1:${port}`, received };
}

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const close of closers.splice(0).reverse()) await close();
});

function setup(extra: Partial<SandboxOptions> = {}) {
	const clock = new ManualClock('2026-01-05T01:00:00Z');
	const timers = new FakeTimers();
	const logs: string[] = [];
	const provider = new SandboxProvider({
		clock,
		secret: SECRET,
		timers,
		retryDelaysMs: [100, 200, 300],
		log: (m) => logs.push(m),
		...extra
	});
	closers.push(() => provider.stop());
	return { clock, timers, logs, provider };
}

function orderInput(origin: string, reference = 'PI-0001', amountFen = 12_345) {
	const expiresAt = new Date('2026-01-05T01:15:00Z');
	return { reference, amountFen, description: '翠湖花园 物业费 3栋2单元**01', expiresAt, origin };
}

describe('SandboxProvider notifications', () => {
	it('sends one signed notification for a paid order, which verifies', async () => {
		const { provider, timers } = setup();
		const endpoint = await notifyEndpoint((n) => {
			provider.verifyNotification(n);
			return provider.reply(true).status;
		});
		await provider.create(orderInput(endpoint.origin));
		const paid = await provider.pay('PI-0001');
		await until(() => endpoint.received.length === 1);
		await provider.idle();
		const [n] = endpoint.received;
		expect(n!.path).toBe('/api/payments/notify/sandbox');
		expect(n!.headers['content-type']).toBe('application/json');
		expect(provider.verifyNotification(n!)).toEqual(await provider.query('PI-0001'));
		expect(JSON.parse(n!.body)).toMatchObject({
			event_type: 'TRANSACTION.SUCCESS',
			resource_type: 'encrypt-resource',
			summary: '支付成功',
			resource: {
				out_trade_no: 'PI-0001',
				transaction_id: paid.transactionId,
				trade_state: 'SUCCESS',
				amount: { total: 12_345, payer_total: 12_345, currency: 'CNY' },
				success_time: '2026-01-05T09:00:00+08:00'
			}
		});
		expect(timers.asked).toEqual([]);
	});

	it('sends nothing when paid with notify: false', async () => {
		const { provider } = setup();
		const endpoint = await notifyEndpoint(() => 200);
		await provider.create(orderInput(endpoint.origin));
		await provider.pay('PI-0001', { notify: false });
		await provider.idle();
		expect(endpoint.received).toEqual([]);
	});

	it('re-sends an unanswered notification after each configured delay, then gives up', async () => {
		const { provider, timers, clock, logs } = setup();
		const endpoint = await notifyEndpoint(() => 500);
		await provider.create(orderInput(endpoint.origin));
		await provider.pay('PI-0001');
		for (let n = 1; n <= 3; n++) {
			await until(() => timers.pending === 1);
			expect(endpoint.received).toHaveLength(n);
			clock.advance(4 * 60_000);
			timers.fire();
		}
		await until(() => endpoint.received.length === 4);
		await provider.idle();
		expect(timers.asked).toEqual([100, 200, 300]);
		expect(timers.pending).toBe(0);
		expect(logs.at(-1)).toMatch(/gave up .* after 4 attempts/);
		// Same notification every time, signed afresh so a late re-send is not stale.
		expect(new Set(endpoint.received.map((n) => n.body)).size).toBe(1);
		expect(provider.verifyNotification(endpoint.received[3]!).state).toBe('paid');
	});

	it('stops re-sending once answered 2xx, and retries a fetch that throws', async () => {
		let calls = 0;
		const fetch: typeof globalThis.fetch = (input, init) =>
			++calls === 1 ? Promise.reject(new Error('ECONNREFUSED')) : globalThis.fetch(input, init);
		const { provider, timers } = setup({ fetch });
		const endpoint = await notifyEndpoint(() => 204);
		await provider.create(orderInput(endpoint.origin));
		await provider.pay('PI-0001');
		await until(() => timers.pending === 1);
		timers.fire();
		await until(() => endpoint.received.length === 1);
		await provider.idle();
		expect(timers.asked).toEqual([100]);
		expect(timers.pending).toBe(0);
	});

	it('cancels waiting re-sends on stop()', async () => {
		const { provider, timers } = setup();
		const endpoint = await notifyEndpoint(() => 503);
		await provider.create(orderInput(endpoint.origin));
		await provider.pay('PI-0001');
		await until(() => timers.pending === 1);
		provider.stop();
		expect(timers.pending).toBe(0);
		expect(endpoint.received).toHaveLength(1);
	});

	it('replies SUCCESS to an accepted notification and FAIL with the reason otherwise', () => {
		const { provider } = setup();
		expect(provider.reply(true)).toEqual({
			status: 200,
			body: '{"code":"SUCCESS","message":"成功"}',
			contentType: 'application/json'
		});
		const no = provider.reply(false, '金额不符');
		expect(no.status).toBe(400);
		expect(JSON.parse(no.body)).toEqual({ code: 'FAIL', message: '金额不符' });
	});
});
