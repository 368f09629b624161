import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	demoStaffPassword,
	login,
	removeDir,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer();
	admin = await login(server);
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

function post<T>(path: string, body: unknown): Promise<T> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify(body)
	}).then((r) => r.json() as Promise<T>);
}

/** The headers every answer must carry, page or JSON. */
function expectBaseHeaders(res: Response, what: string) {
	expect.soft(res.headers.get('x-content-type-options'), what).toBe('nosniff');
	expect.soft(res.headers.get('referrer-policy'), what).toBe('same-origin');
	expect.soft(res.headers.get('x-frame-options'), what).toBe('DENY');
	expect.soft(res.headers.get('cache-control'), what).toBe('no-store');
}

/** A page: the base headers and a CSP that runs no inline script and cannot be framed. */
async function expectPage(path: string, cookie = '') {
	const res = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
	expect.soft(res.headers.get('content-type'), path).toContain('text/html');
	expectBaseHeaders(res, path);
	const csp = Object.fromEntries(
		(res.headers.get('content-security-policy') ?? '')
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.map(([name, ...values]) => [name, values])
	) as Record<string, string[] | undefined>;
	expect.soft(csp['script-src'], path).toContain("'self'");
	expect.soft(csp['script-src'], path).not.toContain("'unsafe-inline'");
	expect.soft(csp['script-src'], path).not.toContain("'unsafe-eval'");
	expect.soft(csp['style-src'], path).not.toContain("'unsafe-inline'");
	expect.soft(csp['frame-ancestors'], path).toEqual(["'none'"]);
	expect.soft(csp['object-src'], path).toEqual(["'none'"]);
	expect.soft(csp['connect-src'], path).toEqual(["'self'"]);
	return res;
}

/** Real keys for every kind of phone page: a ticket, a report, a phone link, a paid receipt. */
async function phonePages(): Promise<string[]> {
	const { ticket } = await post<{ ticket: { id: string } }>('/api/queue/tickets', {
		service: 'consult'
	});
	const report = { category: 'cleaning', where: 'area', areaId: 'lobby', chips: ['spill'] };
	const { order } = await post<{ order: { trackUrl: string } }>('/api/kiosk/report', report);
	const handoff = await post<{ url: string }>('/api/kiosk/report/handoff', report);

	const site = JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
		residents: { unitId: string; phone: string }[];
	};
	const phone = site.residents.find((r) => r.unitId === '2-1-301')!.phone;
	const { visit } = await post<{ visit: { token: string } }>('/api/kiosk/identify', {
		building: '2',
		entrance: '1',
		room: '301',
		phoneTail: phone.slice(-4)
	});
	const { bills } = await post<{ bills: { id: string }[] }>('/api/kiosk/bills', {
		visit: visit.token
	});
	const { intent } = await post<{ intent: { id: string; qrPayload: string } }>('/api/kiosk/pay', {
		visit: visit.token,
		billIds: bills.map((b) => b.id)
	});
	await fetch(intent.qrPayload, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: ''
	});
	let receiptToken: string | null = null;
	await expect
		.poll(async () => {
			const view = await post<{ intent: { receiptToken: string | null } }>(
				`/api/kiosk/pay/${intent.id}`,
				{ visit: visit.token }
			);
			receiptToken = view.intent.receiptToken;
			return receiptToken;
		})
		.toBeTruthy();
	const path = (url: string) => new URL(url).pathname;
	return [
		`/q/${ticket.id}`,
		path(order.trackUrl),
		path(handoff.url),
		path(intent.qrPayload),
		`/r/${receiptToken!}`,
		`/rate/receipt/${receiptToken!}`,
		// No meeting has ended to be rated: an unknown key is still a phone page, as a 404.
		'/f/no-such-key',
		'/track'
	];
}

describe('security headers', () => {
	it('are on the kiosk, the boards, the pairing page and the desk', async () => {
		for (const path of [
			'/kiosk',
			'/display/queue',
			'/display/workorders',
			'/pair',
			'/desk/login'
		]) {
			expect((await expectPage(path)).status, path).toBe(200);
		}
		for (const path of ['/desk', '/desk/workorders', '/desk/fees', '/desk/devices']) {
			expect((await expectPage(path, admin)).status, path).toBe(200);
		}
		// Not signed in, sent to log in: no page (so no CSP), the same other headers.
		const refused = await fetch(`${server.url}/desk/fees`, { redirect: 'manual' });
		expect(refused.status).toBe(303);
		expectBaseHeaders(refused, 'GET /desk/fees (signed out)');
	});

	it('are on every kind of phone page, which carry their key in the URL', async () => {
		const pages = await phonePages();
		expect(pages.map((p) => p.split('/')[1])).toEqual(
			expect.arrayContaining(['q', 'w', 'report', 'pay', 'r', 'rate', 'f', 'track'])
		);
		for (const path of pages) await expectPage(path);
	});

	it('are on API answers, refusals and errors too', async () => {
		const answers: [string, Response][] = [
			['GET /api/health', await fetch(`${server.url}/api/health`)],
			['GET /api/notices', await fetch(`${server.url}/api/notices`)],
			['GET /api/kiosk/areas', await fetch(`${server.url}/api/kiosk/areas`)],
			[
				'POST /api/kiosk/identify (wrong tail)',
				await fetch(`${server.url}/api/kiosk/identify`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: server.url },
					body: JSON.stringify({ building: '1', entrance: '1', room: '101', phoneTail: '0000' })
				})
			],
			[
				'POST /api/queue/tickets (foreign Origin)',
				await fetch(`${server.url}/api/queue/tickets`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
					body: '{}'
				})
			],
			['GET /no-such-page', await fetch(`${server.url}/no-such-page`)]
		];
		for (const [what, res] of answers) expectBaseHeaders(res, what);
		expect(answers.map(([, r]) => r.status)).toEqual([200, 200, 200, 401, 403, 404]);
	});
});

describe('/api/health', () => {
	it('tells a stranger only that the server is up, and its version', async () => {
		const res = await fetch(`${server.url}/api/health`);
		const text = await res.text();
		expect(JSON.parse(text)).toEqual({ status: 'ok', version: '0.1.0' });
		expect(text).not.toContain(server.dataDir);
	});

	it('shows the details to a signed-in admin only', async () => {
		const detail = (cookie = '') =>
			fetch(`${server.url}/api/health?detail`, { headers: { cookie } });
		const anonymous = await detail();
		expect(anonymous.status).toBe(401);
		expect(await anonymous.text()).not.toContain(server.dataDir);
		const cashier = await login(server, 'cashier', demoStaffPassword(server));
		expect((await detail(cashier)).status).toBe(403);
		const res = await detail(admin);
		expect(res.status).toBe(200);
		expectBaseHeaders(res, 'GET /api/health?detail');
		expect(await res.json()).toMatchObject({
			status: 'ok',
			version: '0.1.0',
			store: { state: 'open', dir: server.dataDir },
			clients: { public: expect.any(Number), desk: expect.any(Number) },
			printers: [expect.objectContaining({ id: 'front-desk' })]
		});
	});
});
