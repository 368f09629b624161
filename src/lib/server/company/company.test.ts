import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFoyerError } from '$lib/domain/errors';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { AuditService } from '../audit/audit';
import { DomainEventBus } from '../events';
import type { ReportService } from '../reports/reports';
import { hashPassword, useTestHashCost } from '../staff/password';
import { AuthService } from '../staff/sessions';
import { StaffService } from '../staff/staff';
import { Store } from '../store/store';
import { Company } from './company';

// Hashes at the test cost: these tests hash a dozen passwords.
useTestHashCost();

const PASSWORD = 'correct-horse-1';
let dir: string;
let clock: ManualClock;
let stores: Store[];
let company: Company;

/** A site as far as signing in goes: its own store, staff and log-in, added to the company. */
async function openSite(id: string) {
	const store = await Store.open({ dir: join(dir, id), clock, timeZone: () => DEFAULT_TIME_ZONE });
	stores.push(store);
	const events = new DomainEventBus();
	const audit = await AuditService.open(store);
	const outside = company.accountsAt(id);
	const staff = await StaffService.open(store, { clock, audit, events, outside });
	const auth = await AuthService.open(store, { clock, staff, audit, events, outside });
	const site = { site: { name: id, nameEn: undefined, timeZone: DEFAULT_TIME_ZONE } };
	// Reports are not read here (the integration test reads them).
	const reports = {} as Pick<ReportService, 'read' | 'figures'>;
	company.addSite({ id, foyer: { site, staff, events, reports } as never });
	return { staff, auth };
}

/** The error key and status a promise is refused with. */
async function refusal(p: Promise<unknown>): Promise<[string, number] | 'resolved'> {
	try {
		await p;
		return 'resolved';
	} catch (e) {
		if (!isFoyerError(e)) throw e;
		return [e.key, e.status];
	}
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-company-'));
	clock = new ManualClock('2026-11-05T02:00:00Z');
	stores = [];
	const store = await Store.open({
		dir: join(dir, '_company'),
		clock,
		timeZone: () => DEFAULT_TIME_ZONE
	});
	stores.push(store);
	company = await Company.open(store, { clock, audit: await AuditService.open(store) });
});

afterEach(async () => {
	for (const s of stores) await s.close();
	await rm(dir, { recursive: true, force: true });
});

describe('company accounts at the sites', () => {
	it('an account acts at each site with its roles there, and head office adds its read-only role', async () => {
		const north = await openSite('north');
		const south = await openSite('south');
		await company.accounts.add({
			username: 'wang',
			displayName: '王经理',
			password: PASSWORD,
			sites: { north: ['cashier'], south: ['manager', 'dispatcher'] }
		});
		await company.accounts.add({
			username: 'zhou',
			displayName: '周总',
			password: PASSWORD,
			sites: { south: ['manager'] },
			headOffice: true
		});
		const at = async (site: { auth: AuthService }, username: string) =>
			(await site.auth.login({ username, password: PASSWORD }, '10.0.0.1')).staff.roles;
		expect(await at(north, 'wang')).toEqual(['cashier']);
		expect(await at(south, 'wang')).toEqual(['manager', 'dispatcher']);
		// Head office with no roles at north reads there; at south it is also south's manager.
		expect(await at(north, 'zhou')).toEqual(['headoffice']);
		expect(await at(south, 'zhou')).toEqual(['manager', 'headoffice']);
	});

	it('an account with no roles at a site cannot sign in there: the answer of a wrong password', async () => {
		const north = await openSite('north');
		await openSite('south');
		await company.accounts.add({
			username: 'liming',
			displayName: '李',
			password: PASSWORD,
			sites: { south: ['cashier'] }
		});
		expect(
			await refusal(north.auth.login({ username: 'liming', password: PASSWORD }, 'a'))
		).toEqual(['error.loginFailed', 401]);
		expect(
			await refusal(north.auth.login({ username: 'liming', password: 'wrong-pass-1' }, 'b'))
		).toEqual(['error.loginFailed', 401]);
	});

	it("a session made at one site is not valid at another, and ends when the account loses the site's roles", async () => {
		const north = await openSite('north');
		const south = await openSite('south');
		await company.accounts.add({
			username: 'wang',
			displayName: '王',
			password: PASSWORD,
			sites: { north: ['manager'], south: ['manager'] }
		});
		const { token } = await north.auth.login({ username: 'wang', password: PASSWORD }, 'a');
		expect((await north.auth.session(token))?.staff.roles).toEqual(['manager']);
		// The same cookie, copied to the other site's address.
		expect(await south.auth.session(token)).toBeNull();
		await company.accounts.setRoles('wang', { sites: { south: ['manager'] }, headOffice: false });
		expect(await north.auth.session(token)).toBeNull();
	});

	it('usernames are never confusable: neither side takes a name the other has, and a site account wins', async () => {
		const north = await openSite('north');
		await north.staff.create(null, {
			username: 'chen',
			displayName: '陈',
			roles: ['cashier'],
			password: PASSWORD
		});
		expect(
			await refusal(
				company.accounts.add({
					username: 'chen',
					displayName: '陈总',
					password: 'another-pass-1',
					headOffice: true
				})
			)
		).toEqual(['error.companyUsernameAtSite', 409]);
		await company.accounts.add({
			username: 'zhao',
			displayName: '赵',
			password: PASSWORD,
			headOffice: true
		});
		expect(
			await refusal(
				north.staff.create(null, {
					username: 'zhao',
					displayName: '赵',
					roles: ['cashier'],
					password: PASSWORD
				})
			)
		).toEqual(['error.usernameTaken', 409]);
		// A site served later may already have a staff account of a company account's name: there
		// the site's own account signs in, with its own password and roles.
		await company.accounts.add({
			username: 'sun',
			displayName: '孙总',
			password: 'company-pass-1',
			headOffice: true
		});
		const east = await openSite('east-late');
		const store = stores.at(-1)!;
		const doc = await store.doc<{ staff: unknown[] }>('staff', {
			defaults: { staff: [] },
			parse: (d) => d as { staff: unknown[] }
		});
		expect(doc.data.staff).toEqual([]);
		// Written as another process would have, before the company knew the site.
		const passwordHash = await hashPassword('site-pass-123');
		await doc.update((d) =>
			d.staff.push({
				id: 'site-sun',
				username: 'sun',
				displayName: '孙（东区）',
				roles: ['frontdesk'],
				passwordHash,
				active: true,
				createdAt: clock.now().toISOString(),
				updatedAt: clock.now().toISOString()
			})
		);
		expect(
			await refusal(east.auth.login({ username: 'sun', password: 'company-pass-1' }, 'z'))
		).toEqual(['error.loginFailed', 401]);
		const signedIn = await east.auth.login({ username: 'sun', password: 'site-pass-123' }, 'y');
		expect(signedIn.staff).toMatchObject({ id: 'site-sun', roles: ['frontdesk'] });
	});

	it("log-in attempts at a company account count once for all sites: five wrong ones, and the sixth is refused at every site's desk", async () => {
		const north = await openSite('north');
		const south = await openSite('south');
		await company.accounts.add({
			username: 'wang',
			displayName: '王',
			password: PASSWORD,
			sites: { north: ['manager'], south: ['manager'] }
		});
		for (let i = 0; i < 5; i++) {
			const site = i % 2 ? south : north;
			expect(
				await refusal(
					site.auth.login({ username: 'wang', password: `wrong-pass-${i}` }, `10.0.1.${i}`)
				)
			).toEqual(['error.loginFailed', 401]);
		}
		expect(
			await refusal(south.auth.login({ username: 'wang', password: PASSWORD }, '10.0.2.1'))
		).toEqual(['error.tooManyAttempts', 429]);
		clock.set('2026-11-05T02:20:00Z');
		expect(
			(await north.auth.login({ username: 'wang', password: PASSWORD }, '10.0.2.2')).staff.roles
		).toEqual(['manager']);
	});

	it('the first start makes one head-office account and prints its password once', async () => {
		await openSite('north');
		const lines = await company.seedIfEmpty();
		expect(lines[0]).toMatch(/head \/ \S{10,}/);
		expect(company.accounts.list()).toMatchObject([
			{ username: 'head', headOffice: true, sites: {} }
		]);
		expect(await company.seedIfEmpty()).toEqual([]);
	});
});
