import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Acting } from '$lib/domain/permissions';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import type { ServiceReport } from '$lib/domain/reports/types';
import { AuditService } from '../audit/audit';
import { Store } from '../store/store';
import { ReportPacks } from './packs';

const manager: Acting = { id: 'm1', username: 'wang', displayName: '王经理', roles: ['manager'] };
const cashier: Acting = { id: 'c1', username: 'li', displayName: '李', roles: ['cashier'] };
let dir: string;
let clock: ManualClock;
/** The live figures: what the records say now (a payment changes them). */
let collected: number;

async function open() {
	const store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	const audit = await AuditService.open(store);
	const packs = await ReportPacks.open(store, {
		audit,
		now: () => clock.now().toISOString(),
		// A stand-in for the reports service: what matters here is what changes and what not.
		report: async (_who, period) => ({ period, fees: { collected } }) as unknown as ServiceReport
	});
	return { store, audit, packs };
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-packs-'));
	clock = new ManualClock('2026-10-08T02:00:00.000Z');
	collected = 120_000;
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

it('keeps an issued pack as issued: a later payment changes the live report, not the pack', async () => {
	const { store, packs } = await open();
	const input = {
		kind: 'quarterly',
		period: '2026-Q3',
		comments: '物业费收缴率未达标，十月催缴。'
	};
	const issued = await packs.issue(manager, input);
	collected = 150_000;
	clock.advance(86_400_000);
	await store.close();

	const again = await open();
	const pack = await again.packs.get(manager, issued.id);
	expect(pack.report).toEqual({
		period: '2026-Q3',
		fees: { collected: 120_000 }
	});
	expect(pack.comments).toBe(input.comments);
	expect(pack.issuedBy).toEqual({ id: 'm1', username: 'wang', displayName: '王经理' });
	expect(pack.issuedAt).toBe('2026-10-08T02:00:00.000Z');
	await again.store.close();
});

it('keeps a draft’s comments before issuing, and issuing turns that draft into the issued pack', async () => {
	const { store, packs } = await open();
	const draft = await packs.saveComments(manager, {
		kind: 'monthly',
		period: '2026-09',
		comments: '初稿'
	});
	expect(draft.report).toBeNull();
	const saved = await packs.draft(manager, 'monthly', '2026-09');
	expect(saved?.comments).toBe('初稿');
	const issued = await packs.issue(manager, {
		kind: 'monthly',
		period: '2026-09',
		comments: '定稿'
	});
	expect(issued.id).toBe(draft.id);
	expect(await packs.draft(manager, 'monthly', '2026-09')).toBeUndefined();
	const list = await packs.list(manager);
	expect(list).toHaveLength(1);
	expect(list[0]).not.toHaveProperty('report');
	expect(list[0]?.comments).toBe('定稿');
	await store.close();
});

it('records saving and issuing in the activity log, once each', async () => {
	const { store, audit, packs } = await open();
	await packs.saveComments(manager, { kind: 'monthly', period: '2026-09', comments: 'a' });
	const issued = await packs.issue(manager, { kind: 'monthly', period: '2026-09', comments: 'b' });
	const entries = (await audit.recent(1)).filter((e) => e.action.startsWith('reports.'));
	expect(entries.map((e) => e.action)).toEqual(['reports.issued', 'reports.commentsSaved']);
	expect(entries[0]?.target).toBe(issued.id);
	await store.close();
});

it('lets only those who may issue save comments or issue; others are refused with 403', async () => {
	const { store, packs } = await open();
	const input = { kind: 'monthly', period: '2026-09', comments: '' };
	await expect(packs.issue(cashier, input)).rejects.toMatchObject({ status: 403 });
	await expect(packs.saveComments(cashier, input)).rejects.toMatchObject({ status: 403 });
	await expect(packs.list(cashier)).rejects.toMatchObject({ status: 403 });
	await expect(packs.get(manager, '2026-10-08-nothing')).rejects.toMatchObject({
		key: 'error.reportPackNotFound',
		status: 404
	});
	await store.close();
});
