import type { Acting } from '$lib/domain/permissions';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketView } from '$lib/domain/queue';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { DomainEventBus } from '../events';
import { demoSite } from '../seed';
import { Store } from '../store/store';
import { AuditService } from '../audit/audit';
import { QueueService } from './queue';
import { SiteService } from '../site/site';

const staff: Acting = {
	id: 's1',
	username: 'frontdesk',
	displayName: '前台',
	roles: ['frontdesk']
};
let dir: string;
let store: Store;
let clock: ManualClock;
let events: DomainEventBus;

async function openQueue() {
	store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	const audit = await AuditService.open(store);
	const site = await SiteService.open(store, { audit, events });
	if (!site.site.ready) await site.replace(null, demoSite());
	return QueueService.open(store, { clock, audit, events, site });
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-queue-'));
	// 09:00 in Shanghai.
	clock = new ManualClock('2026-11-26T01:00:00Z');
	events = new DomainEventBus();
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('queue numbering', () => {
	it('numbers each service from 1 with its letter, and restarts at the site’s midnight', async () => {
		const q = await openQueue();
		expect((await q.take({ service: 'fees' })).label).toBe('A001');
		expect((await q.take({ service: 'fees' })).label).toBe('A002');
		expect((await q.take({ service: 'repairs' })).label).toBe('B001');
		clock.set('2026-11-26T15:59:00Z'); // 23:59 in Shanghai: same day
		expect((await q.take({ service: 'fees' })).label).toBe('A003');
		clock.set('2026-11-26T16:00:00Z'); // midnight in Shanghai
		expect(q.publicNow().waiting.fees).toBe(0);
		expect((await q.take({ service: 'fees' })).label).toBe('A001');
	});

	it('gives ten tickets taken at the same moment ten different numbers', async () => {
		const q = await openQueue();
		const labels = await Promise.all(
			Array.from({ length: 10 }, () => q.take({ service: 'consult' }))
		);
		expect(new Set(labels.map((t) => t.label)).size).toBe(10);
	});

	it('keeps today’s queue across a restart', async () => {
		const q = await openQueue();
		await q.take({ service: 'fees' });
		await q.take({ service: 'fees' });
		await q.callNext(staff, 'counter-1');
		await store.close();
		const again = await openQueue();
		expect((await again.currentOf('counter-1'))?.label).toBe('A001');
		expect(again.publicNow().waiting.fees).toBe(1);
		expect((await again.take({ service: 'fees' })).label).toBe('A003');
	});
});

describe('counters', () => {
	it('call in order of arrival, for one service or any, finishing what they were serving', async () => {
		const q = await openQueue();
		await q.take({ service: 'repairs' });
		clock.advance(1000);
		await q.take({ service: 'fees' });
		clock.advance(1000);
		await q.take({ service: 'fees' });
		expect((await q.callNext(staff, 'counter-1', 'fees')).label).toBe('A001');
		expect((await q.callNext(staff, 'counter-1')).label).toBe('B001');
		const today = await q.today();
		expect(today.find((t) => t.label === 'A001')?.status).toBe('done');
		expect(q.publicNow().calls).toEqual([expect.objectContaining({ label: 'B001', counter: 1 })]);
	});

	it('recall the current ticket, skip a no-show, and refuse when there is nothing to do', async () => {
		const q = await openQueue();
		await expect(q.callNext(staff, 'counter-2')).rejects.toMatchObject({ key: 'error.queueEmpty' });
		await q.take({ service: 'fees' });
		await q.callNext(staff, 'counter-2');
		expect((await q.recall(staff, 'counter-2')).recalls).toBe(1);
		expect((await q.skip(staff, 'counter-2')).status).toBe('skipped');
		await expect(q.recall(staff, 'counter-2')).rejects.toMatchObject({
			key: 'error.noCurrentTicket'
		});
		await expect(q.callNext(staff, 'counter-9')).rejects.toMatchObject({
			key: 'error.counterNotFound'
		});
	});

	it('refuse a call from staff whose roles do not include calling, whatever page sent it', async () => {
		const q = await openQueue();
		await q.take({ service: 'fees' });
		const tech: Acting = {
			id: 't1',
			username: 'tech1',
			displayName: '技工',
			roles: ['technician']
		};
		await expect(q.callNext(tech, 'counter-1')).rejects.toMatchObject({
			key: 'error.forbidden',
			status: 403
		});
		expect(q.publicNow().waiting.fees).toBe(1);
	});

	it('transfer a ticket to another line, keeping its number and its place by arrival', async () => {
		const q = await openQueue();
		await q.take({ service: 'fees' }); // A001, first of all
		clock.advance(60_000);
		await q.take({ service: 'repairs' }); // B001
		await q.callNext(staff, 'counter-1', 'fees');
		await expect(q.transfer(staff, 'counter-1', 'fees')).rejects.toMatchObject({
			key: 'error.sameService'
		});
		const moved = await q.transfer(staff, 'counter-1', 'repairs');
		expect(moved).toMatchObject({
			label: 'A001',
			service: 'repairs',
			status: 'waiting',
			transferredFrom: 'fees'
		});
		// A001 arrived before B001, so the repairs counter gets it first.
		expect((await q.callNext(staff, 'counter-2', 'repairs')).label).toBe('A001');
	});

	it('estimate the wait from recent service times', async () => {
		const q = await openQueue();
		for (let i = 0; i < 3; i++) await q.take({ service: 'fees' });
		await q.callNext(staff, 'counter-1');
		clock.advance(4 * 60_000);
		await q.finish(staff, 'counter-1'); // A001 took 4 min
		const last = (await q.today()).find((t) => t.label === 'A003')!;
		const standing = await q.standing(last.id);
		// One ahead (A002), one counter serving, 4 minutes each.
		expect(standing).toMatchObject({ ahead: 1, waitMs: 4 * 60_000 });
	});
});

describe('after the site’s midnight', () => {
	it('an unfinished ticket of yesterday shows as expired, with nobody ahead', async () => {
		const q = await openQueue();
		await q.take({ service: 'fees' });
		const mine = await q.take({ service: 'fees' });
		clock.set('2026-11-26T16:30:00Z'); // 00:30 the next day in Shanghai
		const view = ticketView((await q.standing(mine.id))!, demoSite().counters);
		expect(view).toMatchObject({ label: 'A002', status: 'expired', ahead: 0 });
	});

	it('the boards are told the queue is empty, without anyone taking a ticket', async () => {
		const q = await openQueue();
		await q.take({ service: 'repairs' });
		const stop = q.watchMidnight(5);
		const told = new Promise<number>((resolve) =>
			events.on('queue:changed', ({ queue }) => resolve(queue.waiting.repairs))
		);
		clock.set('2026-11-26T16:00:01Z');
		expect(await told).toBe(0);
		stop();
	});
});

describe('what public screens are told', () => {
	it('is the queue after each change, in order, with a call when a ticket is called', async () => {
		const q = await openQueue();
		const seen: { calls: number; fees: number; call: string | null }[] = [];
		events.on('queue:changed', ({ queue, call }) =>
			seen.push({ calls: queue.calls.length, fees: queue.waiting.fees, call: call?.label ?? null })
		);
		await Promise.all([q.take({ service: 'fees' }), q.take({ service: 'fees' })]);
		await q.callNext(staff, 'counter-3');
		expect(seen).toEqual([
			{ calls: 0, fees: 1, call: null },
			{ calls: 0, fees: 2, call: null },
			{ calls: 1, fees: 1, call: 'A001' }
		]);
	});
});
