import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentView } from '../../src/lib/domain/payment';
import { createTestDatabase, TEST_DATABASE_URL } from '../helpers/postgres';
import {
	ADMIN_PASSWORD,
	demoStaffPassword,
	login,
	removeDir,
	startServer,
	tempDataDir,
	type RunningServer
} from '../helpers/server';

const METRICS_TOKEN = 'metrics-token-7f3a9c2e51';

let server: RunningServer;
let admin: string;

/** What a server told to use an unreachable database printed before it gave up. */
let unreachableOutput: Promise<string>;

beforeAll(async () => {
	// Started beside the main server, so its start-up costs no extra wall time.
	unreachableOutput = (async () => {
		const dataDir = await tempDataDir();
		try {
			await startServer({
				dataDir,
				env: { DATABASE_URL: 'postgres://foyer:db-secret-9d8c7b@127.0.0.1:1/foyer' }
			});
			return 'started';
		} catch (e) {
			return (e as Error).message;
		} finally {
			await removeDir(dataDir);
		}
	})();
	server = await startServer({
		env: { METRICS_TOKEN, LOG_FORMAT: 'json', LOG_LEVEL: 'info', SHUTDOWN_DRAIN: '3' }
	});
	admin = await login(server);
});
afterAll(async () => {
	if (server.process.exitCode === null) await server.stop();
	await removeDir(server.dataDir);
});

const scrape = (headers: Record<string, string> = {}) =>
	fetch(`${server.url}/api/metrics`, { headers });

/** One sample's value from the exposition text (0 when the series is not there yet). */
async function sample(series: string): Promise<number> {
	const text = await (await scrape({ authorization: `Bearer ${METRICS_TOKEN}` })).text();
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line ? Number(line.slice(series.length + 1)) : 0;
}

/** Polls until `check` holds (a push, a settlement are asynchronous), at most 5 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
	for (const end = Date.now() + 5000; Date.now() < end;) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	expect(await check()).toBe(true);
}

function post(path: string, body: unknown, cookie?: string) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin: server.url,
			...(cookie ? { cookie } : {})
		},
		body: JSON.stringify(body)
	});
}

const site = () =>
	JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
		residents: { unitId: string; name: string; phone: string }[];
	};

describe('/api/metrics', () => {
	it('answers a scraper with the token and an admin, in the text format', async () => {
		const byToken = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` });
		expect(byToken.status).toBe(200);
		expect(byToken.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
		const text = await byToken.text();
		expect(text).toContain('# TYPE foyer_connected_screens gauge');
		expect(text).toContain('foyer_print_queue_jobs{site="default",printer="front-desk"}');
		expect(text).toContain('process_cpu_user_seconds_total');
		const byAdmin = await scrape({ cookie: admin });
		expect(byAdmin.status).toBe(200);
		expect(await byAdmin.text()).toContain('foyer_store_write_seconds_bucket');
	});

	it('refuses anyone else: 401 without a session or with a wrong token, 403 for front desk', async () => {
		const anonymous = await scrape();
		expect(anonymous.status).toBe(401);
		expect(((await anonymous.json()) as { error: { key: string } }).error.key).toBe(
			'error.notLoggedIn'
		);
		expect((await scrape({ authorization: 'Bearer wrong-token-0000' })).status).toBe(401);
		const frontDesk = await login(server, 'frontdesk', demoStaffPassword(server));
		const refused = await scrape({ cookie: frontDesk });
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: { key: string } }).error.key).toBe(
			'error.forbidden'
		);
	});

	it('counts a board that connects among the connected screens', async () => {
		const pair = await post('/api/devices/pair', { kind: 'display' });
		const { token, code } = (await pair.json()) as { token: string; code: string };
		const approved = await fetch(`${server.url}/desk/devices?/approve`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie: admin,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ code, name: '大堂屏', location: '大堂', board: 'workorders' })
		});
		expect(((await approved.json()) as { type: string }).type).toBe('success');
		const series = 'foyer_connected_screens{site="default",kind="board"}';
		const before = await sample(series);
		const board = io(`${server.url}/public`, {
			transports: ['websocket'],
			auth: { device: token },
			reconnection: false,
			forceNew: true
		});
		try {
			await until(async () => (await sample(series)) === before + 1);
		} finally {
			board.disconnect();
		}
		await until(async () => (await sample(series)) === before);
	});

	it('counts a sandbox QR payment settled by its notification', async () => {
		const series =
			'foyer_payment_settlements_total{site="default",provider="sandbox",method="notification"}';
		const before = await sample(series);
		const resident = site().residents.find((r) => r.unitId === '3-2-1001')!;
		const identified = await post('/api/kiosk/identify', {
			building: '3',
			entrance: '2',
			room: '1001',
			phoneTail: resident.phone.slice(-4)
		});
		const visit = ((await identified.json()) as { visit: { token: string } }).visit.token;
		const bills = (await (await post('/api/kiosk/bills', { visit })).json()) as {
			bills: { id: string }[];
		};
		const pay = await post('/api/kiosk/pay', { visit, billIds: bills.bills.map((b) => b.id) });
		expect(pay.status).toBe(201);
		const { intent } = (await pay.json()) as { intent: IntentView & { qrPayload: string } };
		// The phone page's 确认支付 button: the sandbox then notifies Foyer, signed.
		const confirmed = await fetch(`${server.url}/pay/sandbox/${intent.id}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			body: ''
		});
		expect(confirmed.status).toBeLessThan(400);
		await until(async () => (await sample(series)) === before + 1);
	});

	it('counts refusals by limiter', async () => {
		const series = 'foyer_attempt_limit_refusals_total{site="default",limiter="tracking"}';
		let status = 0;
		for (let i = 0; i < 6 && status !== 429; i++) {
			status = (await post('/api/track', { number: '200101-999', phoneTail: '0000' })).status;
		}
		expect(status).toBe(429);
		expect(await sample(series)).toBeGreaterThanOrEqual(1);
	});
});

describe('logs', () => {
	it('are JSON lines with the documented fields, and carry no secrets or personal data', async () => {
		const lines = server
			.output()
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		const request = lines.find((l) => l.kind === 'request' && l.route === '/api/session');
		expect(request).toMatchObject({ level: 'info', method: 'POST', status: 200, site: 'default' });
		expect(typeof request!.ms).toBe('number');
		expect(request!.requestId).toMatch(/^[\w.:-]{8,}$/);
		const settled = lines.find((l) => l.kind === 'event' && l.event === 'payment:settled');
		expect(settled).toMatchObject({ site: 'default', record: expect.any(String) });
		expect(lines.some((l) => l.kind === 'lifecycle' && l.msg === 'Foyer is running')).toBe(true);
		// Paths are never logged (the pay page's path holds the payment's id; others hold keys).
		expect(lines.some((l) => l.route === '/pay/sandbox/[ref]')).toBe(true);

		const logs = lines.map((l) => JSON.stringify(l)).join('\n');
		const resident = site().residents.find((r) => r.unitId === '3-2-1001')!;
		const session = admin.split('=')[1]!;
		for (const secret of [
			ADMIN_PASSWORD,
			demoStaffPassword(server),
			session,
			METRICS_TOKEN,
			resident.phone,
			resident.name
		]) {
			expect(logs).not.toContain(secret);
		}
	});

	it('never show a database password, also when the database cannot be reached', async () => {
		const output = await unreachableOutput;
		expect(output).toContain('"msg":"Foyer did not start"');
		expect(output).not.toContain('db-secret-9d8c7b');
	});
});

describe('readiness', () => {
	it.runIf(TEST_DATABASE_URL)(
		'on PostgreSQL: ready while SELECT 1 answers, 503 once it does not',
		async () => {
			const db = await createTestDatabase();
			const pgServer = await startServer({ env: { DATABASE_URL: db.url } });
			try {
				expect((await fetch(`${pgServer.url}/healthz/ready`)).status).toBe(200);
				await db.drop();
				const gone = await fetch(`${pgServer.url}/healthz/ready`);
				expect(gone.status).toBe(503);
				expect(await gone.json()).toEqual({ status: 'unavailable', reason: 'storeUnreachable' });
				expect((await fetch(`${pgServer.url}/healthz/live`)).status).toBe(200);
			} finally {
				await pgServer.kill();
				await removeDir(pgServer.dataDir);
				await db.drop();
			}
		}
	);

	// Last: it stops the server.
	it('is ready, then 503 from the moment SIGTERM arrives while requests are still served', async () => {
		const ready = await fetch(`${server.url}/healthz/ready`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ready' });
		expect((await fetch(`${server.url}/healthz/live`)).status).toBe(200);
		const stopped = server.stop();
		await until(async () => (await fetch(`${server.url}/healthz/ready`)).status === 503);
		const draining = await fetch(`${server.url}/healthz/ready`);
		expect(await draining.json()).toEqual({ status: 'unavailable', reason: 'shuttingDown' });
		// Still serving during the drain: live, and /api/health says it is stopping.
		expect((await fetch(`${server.url}/healthz/live`)).status).toBe(200);
		expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({
			status: 'stopping'
		});
		expect(await stopped).toBe(0);
	});
});
