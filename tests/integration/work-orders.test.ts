import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { login, removeDir, socket, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
	server = await startServer();
	cookie = await login(server);
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url, ...headers },
		body: JSON.stringify(body)
	});
}

/** Everything a socket receives, as JSON text, event by event. */
function record(s: Socket): string[] {
	const seen: string[] = [];
	s.onAny((event: string, ...args: unknown[]) => seen.push(`${event} ${JSON.stringify(args)}`));
	return seen;
}

/**
 * Every text a payload carries, for searching it for personal data: not the server's epoch,
 * random ids or timestamps, whose digits may spell a unit number or a phone tail by chance.
 */
function texts(seen: string[]): string {
	const out: string[] = [];
	const walk = (v: unknown, key = ''): void => {
		if (typeof v === 'string') {
			if (key !== 'epoch' && key !== 'id' && !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v)) out.push(v);
		} else if (Array.isArray(v)) v.forEach((x) => walk(x));
		else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
	};
	for (const line of seen) walk(JSON.parse(line.slice(line.indexOf(' ') + 1)));
	return out.join('\n');
}

const site = () =>
	JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
		residents: { unitId: string; name: string; phone: string }[];
	};

describe('work orders on public sockets', () => {
	it('never carry a name, phone, full unit number or the resident’s text', async () => {
		const lobby = socket(server, '/public');
		const seen = record(lobby);
		lobby.connect();
		await new Promise((r) => lobby.once('snapshot', r));

		const owner = site().residents.find((r) => r.unitId === '4-2-801')!;
		const id = await post('/api/kiosk/identify', {
			building: '4',
			entrance: '2',
			room: '801',
			phoneTail: owner.phone.slice(-4)
		});
		const { visit } = (await id.json()) as { visit: { token: string } };
		const updated = new Promise((r) => lobby.once('workOrders:updated', r));
		const res = await post('/api/kiosk/report', {
			visit: visit.token,
			category: 'repair',
			where: 'unit',
			chips: ['leak'],
			text: `<script>alert(1)</script>楼上漏水，请联系${owner.name} ${owner.phone}`
		});
		expect(res.status).toBe(201);
		await updated;
		const again = new Promise((r) => lobby.once('workOrders:updated', r));
		const complaint = await post('/api/kiosk/report', {
			visit: visit.token,
			category: 'complaint',
			where: 'unit',
			chips: ['noise'],
			text: '隔壁装修太吵'
		});
		expect(complaint.status).toBe(201);
		await again;

		const all = seen.join('\n');
		expect(all).toContain('4栋2单元**01');
		for (const secret of [
			owner.name,
			owner.phone,
			owner.phone.slice(-4),
			'801',
			'漏水',
			'script',
			'装修'
		]) {
			expect(texts(seen), secret).not.toContain(secret);
		}
		// The complaint shows only as a count.
		expect(all).not.toContain('"category":"complaint"');
		expect(all).toMatch(/"complaints":\{"open":1,"today":1\}/);
		lobby.disconnect();
	});

	it('sends the detailed back-office board only to a screen paired as back-office', async () => {
		const pair = await post('/api/devices/pair', { kind: 'display' });
		const { token, code } = (await pair.json()) as { token: string; code: string };
		const form = new URLSearchParams({
			code,
			name: '调度室大屏',
			location: '调度室',
			board: 'backoffice',
			backOffice: 'on'
		});
		const approved = await fetch(`${server.url}/desk/devices?/approve`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: form
		});
		expect(((await approved.json()) as { type: string }).type).toBe('success');

		const screen = socket(server, '/public');
		(screen.auth as Record<string, string>) = { device: token };
		const detail = new Promise<{ orders: { text: string }[] }>((r) =>
			screen.once('backoffice:workOrders', r)
		);
		const stranger = socket(server, '/public');
		const strangerSeen = record(stranger);
		// Listened for before connecting: the snapshot may arrive while the detail is awaited.
		const strangerSnapshot = new Promise((r) => stranger.once('snapshot', r));
		screen.connect();
		stranger.connect();
		const board = await detail;
		expect(board.orders.some((o) => o.text.includes('漏水'))).toBe(true);
		await strangerSnapshot;
		expect(strangerSeen.join('\n')).not.toContain('backoffice:');
		screen.disconnect();
		stranger.disconnect();
	});

	it('tracks a request by number and phone tail only, and limits guessing', async () => {
		const owner = site().residents.find((r) => r.unitId === '4-2-801')!;
		const number = (
			(await (
				await post('/api/kiosk/report', {
					category: 'cleaning',
					where: 'area',
					areaId: 'lobby',
					chips: ['spill']
				})
			).json()) as { order: { number: string } }
		).order.number;
		// Reported anonymously from a public area: nobody can track it by a tail.
		expect((await post('/api/track', { number, phoneTail: '0000' })).status).toBe(401);
		const mine = await post('/api/track', {
			number: `${number.slice(0, 6)}-001`,
			phoneTail: owner.phone.slice(-4)
		});
		expect(mine.status).toBe(200);
		const view = (await mine.json()) as { order: Record<string, unknown> };
		expect(view.order).toMatchObject({ status: 'submitted', place: '4栋2单元**01' });
		expect(JSON.stringify(view)).not.toContain('漏水，请联系');
		for (let i = 0; i < 5; i++)
			await post('/api/track', { number: `${number.slice(0, 6)}001`, phoneTail: '9999' });
		const locked = await post('/api/track', {
			number: `${number.slice(0, 6)}001`,
			phoneTail: owner.phone.slice(-4)
		});
		expect(locked.status).toBe(429);
	});
});
