import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

function post(path: string, body: unknown) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify(body)
	});
}

function owner(unitId: string) {
	const site = JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
		residents: { unitId: string; phone: string; kind: string }[];
	};
	return site.residents.find((r) => r.unitId === unitId && r.kind === 'owner')!;
}

describe('the end of a kiosk visit', () => {
	it('drops the identification on the server: the token no longer shows the bills, and ending twice is harmless', async () => {
		const tail = owner('1-2-301').phone.slice(-4);
		const identified = await post('/api/kiosk/identify', {
			building: '1',
			entrance: '2',
			room: '301',
			phoneTail: tail
		});
		const { visit } = (await identified.json()) as { visit: { token: string } };
		expect((await post('/api/kiosk/bills', { visit: visit.token })).status).toBe(200);

		const ended = await post('/api/kiosk/identify/end', { visit: visit.token });
		expect(ended.status).toBe(200);
		expect(await ended.json()).toEqual({ ended: true });

		const after = await post('/api/kiosk/bills?lang=en', { visit: visit.token });
		expect(after.status).toBe(401);
		expect(((await after.json()) as { error: { key: string } }).error.key).toBe(
			'error.visitExpired'
		);
		expect((await post('/api/kiosk/identify/end', { visit: visit.token })).status).toBe(200);
		expect((await post('/api/kiosk/identify/end', {})).status).toBe(200);
		expect((await post('/api/kiosk/identify/end', [1])).status).toBe(400);
	});

	it('tells the reporter by when staff respond, from the SLA in business hours', async () => {
		const res = await post('/api/kiosk/report', {
			category: 'repair',
			where: 'area',
			areaId: 'lobby',
			chips: ['leak']
		});
		expect(res.status).toBe(201);
		const { order } = (await res.json()) as { order: { respondBy: string | null } };
		// A repair's response target is 30 business minutes: at least that far ahead.
		expect(Date.parse(order.respondBy!)).toBeGreaterThanOrEqual(Date.now() + 29 * 60_000);
	});
});
