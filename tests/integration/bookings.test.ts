import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicSnapshot } from '../../src/lib/realtime/events';
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

/** The desk's booking form, posted from outside as its enhanced form does. */
async function book(fields: Record<string, string>) {
	const res = await fetch(`${server.url}/desk/rooms?/create`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({
			roomId: 'room-2',
			title: '业主代表大会',
			date: '2030-05-20',
			start: '14:00',
			end: '16:00',
			setupMin: '30',
			teardownMin: '30',
			attendees: '60',
			layout: 'theatre',
			...fields
		})
	});
	return (await res.json()) as { type: string; data?: string };
}

describe('bookings raced from a separate program', () => {
	it('lets exactly one of ten simultaneous requests for one slot through, and names it to the rest', async () => {
		const results = await Promise.all(Array.from({ length: 10 }, () => book({})));
		const won = results.filter((r) => r.type === 'redirect' || r.type === 'success');
		expect(won).toHaveLength(1);
		const refused = results.filter((r) => r.type === 'failure');
		expect(refused).toHaveLength(9);
		for (const r of refused) expect(r.data).toContain('业主代表大会');
		expect(refused[0]!.data).toContain('14:00–16:00');
	});

	it('refuses a booking inside another one’s buffers and accepts one just outside', async () => {
		// 16:00 + 30 min teardown = 16:30; a 16:45 start with 15 min setup touches it exactly.
		const inside = await book({ title: '内部例会', start: '16:40', end: '17:00', setupMin: '15' });
		expect(inside.type).toBe('failure');
		const outside = await book({ title: '内部例会', start: '16:45', end: '17:30', setupMin: '15' });
		expect(outside.type).not.toBe('failure');
	});

	it('shows a booking on the public rooms board without its host', async () => {
		const s = socket(server, '/public');
		const snap = new Promise<PublicSnapshot>((r) => s.once('snapshot', r));
		s.connect();
		const room = (await snap).rooms.rooms.find((r) => r.id === 'room-2')!;
		expect(room.next?.title).toBe('业主代表大会');
		expect(JSON.stringify(room)).not.toContain('host');
		s.disconnect();
	});
});
