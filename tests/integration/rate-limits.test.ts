import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	decodeReceipt,
	startVirtualPrinter,
	type VirtualPrinter
} from '../../src/lib/server/printing';
import { ADMIN_PASSWORD, removeDir, startServer, type RunningServer } from '../helpers/server';

// Behind a proxy the client address is the proxy's header (ADDRESS_HEADER): here it lets one
// test machine speak as several kiosks' addresses.
let printer: VirtualPrinter;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
	printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
	server = await startServer({
		env: { PRINTER: printer.url, ADDRESS_HEADER: 'x-forwarded-for' }
	});
	// With ADDRESS_HEADER set, every request must carry it (as a proxy would add it).
	const res = await post(
		'/api/session',
		{ username: 'admin', password: ADMIN_PASSWORD },
		'10.9.9.9'
	);
	cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
	await printer.close();
});

function post(path: string, body: unknown, from = '10.0.0.1', lang = 'zh-CN') {
	return fetch(`${server.url}${path}?lang=${lang}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': from },
		body: JSON.stringify(body)
	});
}

/** Sends `n` copies of a request at the same moment; answers the statuses and bodies. */
async function burst(n: number, send: () => Promise<Response>) {
	const answers = await Promise.all(Array.from({ length: n }, send));
	return Promise.all(
		answers.map(async (r) => ({
			status: r.status,
			body: (await r.json()) as { error?: { key: string; message: string } }
		}))
	);
}

/** Pairs a kiosk and approves it at the desk; answers its device token. */
async function pairedKiosk(from: string): Promise<string> {
	const pair = await post('/api/devices/pair', { kind: 'kiosk' }, from);
	const { token, code } = (await pair.json()) as { token: string; code: string };
	const approve = await fetch(`${server.url}/desk/devices?/approve`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie,
			'x-forwarded-for': '10.9.9.9',
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ code, name: `kiosk ${from}`, location: '大堂', printerId: '' })
	});
	expect(((await approve.json()) as { type: string }).type).toBe('success');
	return token;
}

const count = (answers: { status: number }[], status: number) =>
	answers.filter((a) => a.status === status).length;

describe('queue tickets', () => {
	it('30 at once from one kiosk: 10 tickets and 10 slips, the rest refused in words', async () => {
		const answers = await burst(30, () => post('/api/queue/tickets', { service: 'consult' }));
		expect(count(answers, 201)).toBe(10);
		expect(count(answers, 429)).toBe(20);
		expect(answers.find((a) => a.status === 429)?.body.error).toEqual({
			key: 'error.tooManyRequests',
			message: '操作过于频繁，请 1 分钟后再试，或到前台办理',
			fields: {}
		});
		const en = await post('/api/queue/tickets', { service: 'consult' }, '10.0.0.1', 'en');
		expect(((await en.json()) as { error: { message: string } }).error.message).toBe(
			'Too many requests from this screen. Try again in 1 min, or ask at the front desk.'
		);

		// Another address is not held up. Its ticket is the 11th, and its slip the 11th to print
		// (slips print in order): the refused requests took no ticket and printed nothing.
		const other = await post('/api/queue/tickets', { service: 'consult' }, '10.0.0.2');
		expect(other.status).toBe(201);
		expect(((await other.json()) as { ticket: { label: string } }).ticket.label).toBe('D011');
		await expect.poll(() => printer.jobs().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(11);
		const slips = printer.jobs().map((j) => decodeReceipt(j.bytes).text);
		expect(slips).toHaveLength(11);
		expect(slips[10]).toContain('D011');
	});

	it('counts a paired kiosk by its device, not by the address it shares', async () => {
		const kiosk = await pairedKiosk('10.0.0.1');
		// 10.0.0.1 is used up as an address (above); the paired kiosk there has its own count.
		const answers = await burst(15, () =>
			post('/api/queue/tickets', { service: 'consult', device: kiosk })
		);
		expect(count(answers, 201)).toBe(10);
		expect(count(answers, 429)).toBe(5);
		// A made-up device token counts as its address, which is still used up.
		const forged = await post('/api/queue/tickets', { service: 'consult', device: 'made-up' });
		expect(forged.status).toBe(429);
	});
});

describe('reports and their slips', () => {
	const report = { category: 'cleaning', where: 'area', areaId: 'lobby', chips: ['spill'] };

	it('limits reports and phone links together per kiosk', async () => {
		const answers = await burst(10, () => post('/api/kiosk/report', report, '10.0.1.1'));
		expect(count(answers, 201)).toBe(6);
		expect(count(answers, 429)).toBe(4);
		expect((await post('/api/kiosk/report/handoff', report, '10.0.1.1')).status).toBe(429);
		expect((await post('/api/kiosk/report/handoff', report, '10.0.1.2')).status).toBe(201);
	});

	it('prints one request’s slip at most 3 times, however many ask at once', async () => {
		const res = await post('/api/kiosk/report', report, '10.0.2.1');
		const { order } = (await res.json()) as { order: { id: string; trackUrl: string } };
		const key = order.trackUrl.slice(order.trackUrl.lastIndexOf('/') + 1);
		const before = printer.jobs().length;
		const answers = await burst(30, () =>
			post(`/api/kiosk/report/${order.id}/print`, { key }, '10.0.2.1', 'en')
		);
		expect(count(answers, 200)).toBe(3);
		expect(count(answers, 429)).toBe(27);
		expect(answers.find((a) => a.status === 429)?.body.error?.message).toBe(
			'This slip has been printed 3 times already. Scan the QR code or note the number instead.'
		);
		// Only the reporter's tries count: a wrong key is not found, and uses up nothing.
		const wrong = await post(`/api/kiosk/report/${order.id}/print`, { key: 'x' }, '10.0.2.9');
		expect(wrong.status).toBe(404);
		await expect.poll(() => printer.jobs().length, { timeout: 20_000 }).toBe(before + 3);
	});
});

describe('pairing', () => {
	it('gives one address 5 codes in 10 minutes; another address still gets one', async () => {
		const answers = await burst(12, () =>
			post('/api/devices/pair', { kind: 'display' }, '10.0.3.1')
		);
		expect(count(answers, 201)).toBe(5);
		expect(count(answers, 429)).toBe(7);
		expect(answers.find((a) => a.status === 429)?.body.error?.key).toBe('error.tooManyRequests');
		expect((await post('/api/devices/pair', { kind: 'display' }, '10.0.3.2')).status).toBe(201);
	});
});
