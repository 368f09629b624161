import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { TodayOverview } from '../../src/lib/domain/today';
import {
	api,
	demoStaffPassword,
	login,
	next,
	removeDir,
	socket,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let manager: string;

beforeAll(async () => {
	server = await startServer();
	manager = await login(server, 'manager', demoStaffPassword(server));
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

/** A desk socket for a session, connected, with every overview it is pushed kept in order. */
async function desk(cookie: string): Promise<{ s: Socket; pushes: TodayOverview[] }> {
	const s = socket(server, '/desk', { origin: server.url, cookie });
	const pushes: TodayOverview[] = [];
	s.on('overview:today', (o: TodayOverview) => pushes.push(o));
	const ready = next(s, 'snapshot');
	s.connect();
	await ready;
	return { s, pushes };
}

/** The first overview pushed to `s` (from now on) for which `ok` holds. */
function pushedUntil(s: Socket, ok: (o: TodayOverview) => boolean): Promise<TodayOverview> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no such overview within 10 s')), 10_000);
		const on = (o: TodayOverview) => {
			if (!ok(o)) return;
			clearTimeout(timer);
			s.off('overview:today', on);
			resolve(o);
		};
		s.on('overview:today', on);
	});
}

/** A desk form action, answered as SvelteKit answers `use:enhance`. */
async function deskAction(cookie: string, path: string, fields: Record<string, string>) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			cookie,
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields).toString()
	});
	return (await res.json()) as { type: string };
}

describe("the manager's live today overview", () => {
	it('a desk socket receives an updated overview after a ticket is called and after a payment', async () => {
		const { s, pushes } = await desk(manager);
		await expect.poll(() => pushes.length).toBeGreaterThan(0);
		const start = pushes.at(-1)!;

		// Taken at the kiosk: one more waiting.
		const taken = pushedUntil(s, (o) => o.queue.waitingTotal === start.queue.waitingTotal + 1);
		expect((await api(server, '', 'POST', '/api/queue/tickets', { service: 'fees' })).status).toBe(
			201
		);
		const waiting = await taken;
		expect(waiting.queue.waiting.fees).toBe(start.queue.waiting.fees + 1);
		expect(waiting.queue.longestWaitMs).not.toBeNull();

		// Called, then finished at counter 1: nobody waits, one more served, medians exist.
		const called = pushedUntil(s, (o) => o.queue.waitingTotal === start.queue.waitingTotal);
		expect((await deskAction(manager, '/desk/queue?/call', { counter: 'counter-1' })).type).toBe(
			'success'
		);
		await called;
		const finished = pushedUntil(s, (o) => o.queue.served === start.queue.served + 1);
		expect((await deskAction(manager, '/desk/queue?/finish', { counter: 'counter-1' })).type).toBe(
			'success'
		);
		const served = await finished;
		expect(served.queue.medianWaitMs).not.toBeNull();
		expect(served.queue.medianServiceMs).not.toBeNull();

		// A cash payment at the desk: today's cash and net rise by the bill's amount.
		const visit = (await (
			await api(server, '', 'POST', '/api/kiosk/identify', {
				building: '3',
				entrance: '2',
				room: '1001',
				phoneTail: '3857'
			})
		).json()) as { visit: { token: string } };
		const { bills } = (await (
			await api(server, '', 'POST', '/api/kiosk/bills', { visit: visit.visit.token })
		).json()) as { bills: { id: string; amountFen: number }[] };
		const bill = bills[0]!;
		const paid = pushedUntil(
			s,
			(o) => o.money.byMethod.cash.totalFen === start.money.byMethod.cash.totalFen + bill.amountFen
		);
		const answer = await deskAction(manager, '/desk/fees?/pay', {
			unitId: '3-2-1001',
			billId: bill.id,
			method: 'cash',
			tendered: (bill.amountFen / 100).toFixed(2)
		});
		expect(answer.type).toBe('success');
		const after = await paid;
		expect(after.money.netFen).toBe(start.money.netFen + bill.amountFen);
		expect(after.money.byMethod.cash.count).toBe(start.money.byMethod.cash.count + 1);
		s.disconnect();
	});

	it('goes only to desks allowed to see it: not the front desk, not a public screen', async () => {
		const frontdesk = await desk(await login(server, 'frontdesk', demoStaffPassword(server)));
		const screen = socket(server, '/public');
		const screenGot: unknown[] = [];
		screen.on('overview:today', (o: unknown) => screenGot.push(o));
		const ready = next(screen, 'snapshot');
		screen.connect();
		await ready;
		const { s, pushes } = await desk(manager);
		await expect.poll(() => pushes.length).toBeGreaterThan(0);
		const before = pushes.at(-1)!;

		// Once the manager's desk has heard of the new ticket, the others would have too.
		const heard = pushedUntil(s, (o) => o.queue.waitingTotal === before.queue.waitingTotal + 1);
		await api(server, '', 'POST', '/api/queue/tickets', { service: 'consult' });
		await heard;
		expect(frontdesk.pushes).toEqual([]);
		expect(screenGot).toEqual([]);
		for (const x of [frontdesk.s, screen, s]) x.disconnect();
	});
});
