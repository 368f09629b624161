import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPANY_ID_PREFIX } from '$lib/domain/company';
import type { Role } from '$lib/domain/staff';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { AuditService } from '../audit/audit';
import { DomainEventBus } from '../events';
import type { ReportService } from '../reports/reports';
import { demoSite } from '../seed';
import { SiteService } from '../site/site';
import { useTestHashCost } from '../staff/password';
import { People } from '../staff/people';
import { StaffService } from '../staff/staff';
import { Store } from '../store/store';
import { WorkOrderService } from '../work-orders/work-orders';
import { Company } from './company';

// A company account doing a site's daily work (docs/company.md "At a site"): offered and
// accepted as a technician where it has the role, named in the site's records, kept off the
// lists of a site where it has none, and not editable through the site's staff page.
useTestHashCost();

const PASSWORD = 'correct-horse-1';
const admin = { id: 'admin', username: 'admin', displayName: '管理员', roles: ['admin'] as Role[] };
const dispatcher = { id: 'd1', username: 'dispatcher', roles: ['dispatcher'] as Role[] };
let dir: string;
let clock: ManualClock;
let stores: Store[];
let company: Company;

/** A site with its own staff (one technician), the company's accounts and its work orders. */
async function openSite(id: string) {
	const store = await Store.open({ dir: join(dir, id), clock, timeZone: () => DEFAULT_TIME_ZONE });
	stores.push(store);
	const events = new DomainEventBus();
	const audit = await AuditService.open(store);
	const site = await SiteService.open(store, { audit, events });
	await site.replace(null, demoSite());
	const outside = company.accountsAt(id);
	const staff = await StaffService.open(store, { clock, audit, events, outside });
	const people = new People({ staff, outside });
	const workOrders = await WorkOrderService.open(store, {
		clock,
		audit,
		events,
		site,
		rolesOf: (x) => people.rolesOf(x)
	});
	const reports = {} as Pick<ReportService, 'read' | 'figures'>;
	company.addSite({ id, foyer: { site, staff, events, reports } as never });
	const own = await staff.create(null, {
		username: `${id}-tech`,
		displayName: `${id} 刘师傅`,
		roles: ['technician'],
		password: PASSWORD
	});
	return { staff, people, workOrders, own };
}

const leak = {
	category: 'repair',
	location: { kind: 'unit', unitId: '3-2-1001' },
	chips: ['leak'],
	text: '卫生间漏水'
};

/** A leak reported at the desk of `site` and accepted: ready to dispatch. */
async function accepted(site: Awaited<ReturnType<typeof openSite>>) {
	const desk = { source: 'desk' as const, residentId: null, phoneTail: null };
	const o = await site.workOrders.submit(leak, desk);
	return site.workOrders.act(dispatcher, o.id, { action: 'accept' });
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-on-site-'));
	clock = new ManualClock('2026-11-26T02:00:00Z');
	stores = [];
	const store = await Store.open({ dir: join(dir, '_company'), clock, timeZone: () => 'UTC' });
	stores.push(store);
	company = await Company.open(store, { clock, audit: await AuditService.open(store) });
});

afterEach(async () => {
	for (const s of stores) await s.close();
	await rm(dir, { recursive: true, force: true });
});

/** A company technician at north only, and a head-office account. */
async function accounts() {
	const zhou = await company.accounts.add({
		username: 'zhou',
		displayName: '周师傅',
		password: PASSWORD,
		sites: { north: ['technician'], south: ['cashier'] }
	});
	const head = await company.accounts.add({
		username: 'zong',
		displayName: '总部 钱总',
		password: PASSWORD,
		headOffice: true
	});
	return { zhou, head };
}

describe('a company account at a site', () => {
	it('is offered and accepted as a technician only where it has the role', async () => {
		const north = await openSite('north');
		const south = await openSite('south');
		const { zhou } = await accounts();
		expect(north.people.technicians()).toEqual([
			{ id: north.own.id, name: 'north 刘师傅', company: false },
			{ id: zhou.id, name: '周师傅', company: true }
		]);
		// At south it is a cashier: not offered, and a dispatch naming it is refused.
		expect(south.people.technicians().map((t) => t.id)).toEqual([south.own.id]);
		const there = await accepted(south);
		await expect(
			south.workOrders.act(dispatcher, there.id, { action: 'dispatch', technicianId: zhou.id })
		).rejects.toMatchObject({ key: 'error.technician' });

		const o = await accepted(north);
		await north.workOrders.act(dispatcher, o.id, { action: 'dispatch', technicianId: zhou.id });
		// It works the order as a site technician does, with the roles it signs in with here.
		const me = { id: zhou.id, username: 'zhou', roles: ['technician'] as Role[] };
		const started = await north.workOrders.act(me, o.id, { action: 'start' });
		expect(started).toMatchObject({ status: 'inProgress', technicianId: zhou.id });
	});

	it('stays named on its orders once its role is taken away, but is no longer offered', async () => {
		const north = await openSite('north');
		const { zhou } = await accounts();
		const o = await accepted(north);
		await north.workOrders.act(dispatcher, o.id, { action: 'dispatch', technicianId: zhou.id });
		await company.accounts.setRoles('zhou', { sites: { north: ['cashier'] }, headOffice: false });
		expect(north.people.technicians().map((t) => t.id)).toEqual([north.own.id]);
		expect(north.workOrders.get(o.id)?.technicianId).toBe(zhou.id);
		expect(north.people.nameOf(zhou.id)).toBe('周师傅');
		await expect(
			north.workOrders.act(dispatcher, o.id, { action: 'dispatch', technicianId: zhou.id })
		).rejects.toMatchObject({ key: 'error.technician' });
	});

	it('is named by id and by username, beside the site’s own staff, ids never colliding', async () => {
		const north = await openSite('north');
		const { zhou, head } = await accounts();
		expect(zhou.id.startsWith(COMPANY_ID_PREFIX)).toBe(true);
		expect(north.own.id.startsWith(COMPANY_ID_PREFIX)).toBe(false);
		expect(north.people.nameOf(north.own.id)).toBe('north 刘师傅');
		expect(north.people.nameOf(zhou.id)).toBe('周师傅');
		expect(north.people.nameOf(head.id)).toBe('总部 钱总');
		expect(north.people.nameOfUsername('zhou')).toBe('周师傅');
		expect(north.people.nameOfUsername('north-tech')).toBe('north 刘师傅');
		expect(north.people.nameOf('nobody')).toBeNull();
		// A deactivated site technician is neither offered nor accepted.
		await north.staff.change(admin, north.own.id, {
			displayName: 'north 刘师傅',
			roles: ['technician'],
			active: false
		});
		expect(north.people.rolesOf(north.own.id)).toBeNull();
		expect(north.people.technicians().map((t) => t.id)).toEqual([zhou.id]);
	});

	it('shows on the staff page of the sites where it acts, read-only', async () => {
		const north = await openSite('north');
		const south = await openSite('south');
		const { zhou, head } = await accounts();
		await company.accounts.add({
			username: 'liming',
			displayName: '李明',
			password: PASSWORD,
			sites: { south: ['manager'] }
		});
		expect(north.people.companyAccounts()).toEqual([
			{
				id: zhou.id,
				username: 'zhou',
				displayName: '周师傅',
				roles: ['technician'],
				headOffice: false
			},
			{ id: head.id, username: 'zong', displayName: '总部 钱总', roles: [], headOffice: true }
		]);
		expect(south.people.companyAccounts().map((a) => a.username)).toEqual([
			'zhou',
			'zong',
			'liming'
		]);
		// The site's staff endpoints refuse it (409), and answer "not found" for an id that is
		// no account here — liming has roles at south only.
		const change = { displayName: '改名', roles: ['admin'] as Role[], active: true };
		await expect(north.staff.change(admin, zhou.id, change)).rejects.toMatchObject({
			key: 'error.companyAccountReadOnly',
			status: 409
		});
		await expect(north.staff.setPassword(admin, zhou.id, 'another-pass-12')).rejects.toMatchObject({
			key: 'error.companyAccountReadOnly',
			status: 409
		});
		const liming = company.accounts.byUsername('liming')!.id;
		await expect(north.staff.change(admin, liming, change)).rejects.toMatchObject({
			key: 'error.staffNotFound',
			status: 404
		});
		await expect(north.staff.change(admin, south.own.id, change)).rejects.toMatchObject({
			key: 'error.staffNotFound',
			status: 404
		});
		expect(company.accounts.byId(zhou.id)?.displayName).toBe('周师傅');
	});
});
