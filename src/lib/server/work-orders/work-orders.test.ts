import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '$lib/domain/staff';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGETS } from '$lib/domain/sla';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { publicBoard } from '$lib/domain/work-order-board';
import { monthlySatisfaction } from '$lib/domain/satisfaction';
import { DomainEventBus } from '../events';
import { demoSite } from '../seed';
import { Store } from '../store/store';
import { AuditService } from '../audit/audit';
import { SiteService } from '../site/site';
import { WorkOrderService } from './work-orders';

const dispatcher = { id: 'd1', username: 'dispatcher', roles: ['dispatcher'] as Role[] };
const tech = { id: 't1', username: 'tech1', roles: ['technician'] as Role[] };
const otherTech = { id: 't2', username: 'tech2', roles: ['technician'] as Role[] };
const ROLES: Record<string, Role[]> = {
	d1: ['dispatcher'],
	t1: ['technician'],
	t2: ['technician']
};
let dir: string;
let store: Store;
let clock: ManualClock;
let site: SiteService;

async function open() {
	store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	const events = new DomainEventBus();
	const audit = await AuditService.open(store);
	site = await SiteService.open(store, { audit, events });
	if (!site.site.ready) await site.replace(null, demoSite());
	return WorkOrderService.open(store, {
		clock,
		audit,
		events,
		site,
		rolesOf: (id) => ROLES[id] ?? null
	});
}

const leak = {
	category: 'repair',
	location: { kind: 'unit', unitId: '3-2-1001' },
	chips: ['leak'],
	text: '<img src=x onerror=alert(1)> 卫生间漏水'
};
const resident = { source: 'kiosk' as const, residentId: 'res-3-2-1001', phoneTail: '1234' };

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-wo-'));
	clock = new ManualClock('2026-11-26T02:00:00Z'); // Thursday 10:00 in Shanghai
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('work orders', () => {
	it('numbers reports per day and keeps them across a restart', async () => {
		let wo = await open();
		expect((await wo.submit(leak, resident)).number).toBe('261126001');
		expect((await wo.submit(leak, resident)).number).toBe('261126002');
		await store.close();
		wo = await open();
		expect((await wo.submit(leak, resident)).number).toBe('261126003');
		clock.set('2026-11-26T16:30:00Z'); // 00:30 the next day in Shanghai
		expect((await wo.submit(leak, resident)).number).toBe('261127001');
	});

	it('refuses a report with neither a known phrase nor text, and an unknown place', async () => {
		const wo = await open();
		await expect(
			wo.submit({ ...leak, chips: ['nonsense'], text: '' }, resident)
		).rejects.toMatchObject({
			key: 'error.describeProblem'
		});
		await expect(
			wo.submit({ ...leak, location: { kind: 'area', areaId: 'moon' } }, resident)
		).rejects.toMatchObject({ key: 'error.area' });
	});

	it('refuses a report for a common area that was deactivated, from every channel', async () => {
		const wo = await open();
		const area = site.site.publicAreas[0]!;
		const there = { ...leak, location: { kind: 'area', areaId: area.id } };
		await site.change(null, { action: 'site.area.deactivated', target: area.id }, (s) => {
			s.publicAreas.find((a) => a.id === area.id)!.active = false;
		});
		await expect(wo.submit(there, resident)).rejects.toMatchObject({ key: 'error.area' });
		const desk = { source: 'desk' as const, residentId: null, phoneTail: null, actor: dispatcher };
		await expect(wo.submit(there, desk)).rejects.toMatchObject({ key: 'error.area' });
	});

	it('runs the flow with roles: technicians work only their own orders', async () => {
		const wo = await open();
		const o = await wo.submit(leak, resident);
		await expect(wo.act(tech, o.id, { action: 'accept' })).rejects.toMatchObject({ status: 403 });
		await wo.act(dispatcher, o.id, { action: 'accept' });
		await expect(
			wo.act(dispatcher, o.id, { action: 'dispatch', technicianId: 'd1' })
		).rejects.toMatchObject({ key: 'error.technician' });
		await wo.act(dispatcher, o.id, { action: 'dispatch', technicianId: 't1' });
		await expect(wo.act(otherTech, o.id, { action: 'start' })).rejects.toMatchObject({
			status: 403
		});
		await wo.act(tech, o.id, { action: 'start' });
		await expect(wo.act(tech, o.id, { action: 'hold' })).rejects.toMatchObject({
			key: 'error.reason'
		});
		await wo.act(tech, o.id, { action: 'hold', note: '等配件' });
		await expect(wo.act(tech, o.id, { action: 'resolve' })).rejects.toMatchObject({
			key: 'error.transition'
		});
		await wo.act(tech, o.id, { action: 'resume' });
		const done = await wo.act(tech, o.id, { action: 'resolve', note: '已更换阀门' });
		expect(done).toMatchObject({ status: 'resolved', technicianId: 't1' });
		expect(done.pauses).toHaveLength(1);
		expect(done.history.map((h) => h.action)).toEqual([
			'submit',
			'accept',
			'dispatch',
			'start',
			'hold',
			'resume',
			'resolve'
		]);
		expect(done.history.every((h) => h.at)).toBe(true);
	});

	it('closes a complaint only after the follow-up call; a low score opens a task', async () => {
		const wo = await open();
		const c = await wo.submit({ ...leak, category: 'complaint', chips: ['noise'] }, resident);
		await wo.act(dispatcher, c.id, { action: 'accept' });
		await wo.act(dispatcher, c.id, { action: 'resolve', note: '已协调' });
		await expect(wo.act(dispatcher, c.id, { action: 'close' })).rejects.toMatchObject({
			key: 'error.complaintNeedsFollowUp'
		});
		const called = await wo.act(dispatcher, c.id, {
			action: 'followUp',
			score: 2,
			remarks: '还是吵'
		});
		expect(called.lowScoreTask).toMatchObject({ doneAt: null });
		expect((await wo.act(dispatcher, c.id, { action: 'close' })).status).toBe('closed');
		const month = monthlySatisfaction(wo.all(), '2026-11', 'Asia/Shanghai');
		expect(month).toMatchObject({ rated: 1, satisfied: 0, rate: 0, met: false });
		expect(month.low.map((l) => l.number)).toEqual([c.number]);
	});

	it('lets the resident rate once, only after it is done', async () => {
		const wo = await open();
		const o = await wo.submit(leak, resident);
		await expect(wo.rate(o.rateToken, { score: 5 })).rejects.toMatchObject({
			key: 'error.notYetResolved'
		});
		await wo.act(dispatcher, o.id, { action: 'accept' });
		await wo.act(dispatcher, o.id, { action: 'resolve' });
		expect((await wo.rate(o.rateToken, { score: 5, remarks: '很快' })).rating?.score).toBe(5);
		await expect(wo.rate(o.rateToken, { score: 1 })).rejects.toMatchObject({
			key: 'error.alreadyRated'
		});
	});

	it('counts SLA in business hours with the clock stopped on hold', async () => {
		const wo = await open();
		clock.set('2026-11-26T09:30:00Z'); // 17:30, half an hour before closing
		const o = await wo.submit(leak, resident);
		const ctx = () => ({
			site: site.site,
			hours: DEFAULT_BUSINESS_HOURS,
			targets: DEFAULT_SLA_TARGETS,
			now: clock.now(),
			staffName: () => null
		});
		const row = () => publicBoard(wo.all(), ctx()).orders.find((x) => x.number === o.number)!;
		// Response target 30 business minutes: 17:30 → 18:00 uses all of it.
		clock.set('2026-11-26T09:55:00Z'); // 17:55: 25 of 30 min, past 80%
		expect(row().sla).toMatchObject({ phase: 'response', state: 'dueSoon' });
		clock.set('2026-11-27T00:20:00Z'); // 08:20 next day, before opening: still 30 min exactly
		expect(row().sla.state).toBe('overdue');
		await wo.act(dispatcher, o.id, { action: 'accept' });
		await wo.act(dispatcher, o.id, { action: 'dispatch', technicianId: 't1' });
		await wo.act(tech, o.id, { action: 'hold', note: '业主不在家' });
		expect(row().sla).toMatchObject({ phase: 'resolution', paused: true, dueAt: null });
	});

	it('keeps resident text, names and full units off the public board; complaints only as counts', async () => {
		const wo = await open();
		await wo.submit(leak, resident);
		await wo.submit({ ...leak, category: 'complaint', chips: ['noise'] }, resident);
		const board = publicBoard(wo.all(), {
			site: site.site,
			hours: DEFAULT_BUSINESS_HOURS,
			targets: DEFAULT_SLA_TARGETS,
			now: clock.now(),
			staffName: () => null
		});
		const json = JSON.stringify(board);
		expect(json).not.toContain('漏水');
		expect(json).not.toContain('onerror');
		expect(json).not.toContain('1001');
		expect(json).toContain('3栋2单元**01');
		expect(board.orders.map((o) => o.category)).toEqual(['repair']);
		expect(board.complaints).toEqual({ open: 1, today: 1 });
	});
});
