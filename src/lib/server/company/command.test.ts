import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, systemClock } from '$lib/domain/time';
import { useTestHashCost, verifyPassword } from '../staff/password';
import { Store } from '../store/store';
import { CompanyAccounts } from './accounts';
import { parseAccountsArgs, runAccounts, type AccountsTarget } from './command';

useTestHashCost();

let dir: string;

/** Runs the command on the company folder `dir`; a site `north` has the staff account `chen`. */
async function run(...argv: string[]) {
	const lines: string[] = [];
	const errors: string[] = [];
	const target = async (): Promise<AccountsTarget> => {
		const store = await Store.open({ dir, clock: systemClock, timeZone: () => DEFAULT_TIME_ZONE });
		return {
			store,
			siteWithUsername: async (u) => (u === 'chen' ? 'north' : null),
			close: () => store.close()
		};
	};
	const code = await runAccounts(
		argv,
		{ log: (l) => lines.push(l), error: (l) => errors.push(l) },
		target,
		{}
	);
	return { code, lines, errors };
}

/** The accounts as stored (opened after the command has closed the folder). */
async function stored() {
	const store = await Store.open({ dir, clock: systemClock, timeZone: () => DEFAULT_TIME_ZONE });
	const accounts = await CompanyAccounts.open(store, {
		clock: systemClock,
		siteWithUsername: () => null,
		changed: () => {}
	});
	const list = accounts.list();
	const hash = (u: string) => accounts.byUsername(u)?.passwordHash ?? '';
	const hashes = Object.fromEntries(list.map((a) => [a.username, hash(a.username)]));
	await store.close();
	return { list, hashes };
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-accounts-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('npm run accounts', () => {
	it('adds an account with roles per site, prints its password once, and lists it', async () => {
		const added = await run(
			'add',
			'Wang',
			'--name',
			'王经理',
			'--site',
			'north=cashier',
			'--site',
			'south=manager,dispatcher'
		);
		expect(added.code).toBe(0);
		const password = /shown only now\): (\S+)$/.exec(added.lines[0]!)![1]!;
		const { list, hashes } = await stored();
		expect(list).toMatchObject([
			{
				username: 'wang',
				displayName: '王经理',
				headOffice: false,
				sites: { north: ['cashier'], south: ['manager', 'dispatcher'] }
			}
		]);
		expect(await verifyPassword(password, hashes.wang!)).toBe(true);
		expect((await run('list')).lines).toEqual([
			'wang\t王经理\tnorth=cashier south=manager,dispatcher'
		]);
	});

	it('sets roles (replacing them), makes head office, renews a password and removes', async () => {
		await run('add', 'zhou', '--name', '周总', '--site', 'north=manager');
		expect(
			(await run('set-roles', 'zhou', '--site', 'south=manager', '--head-office')).lines
		).toEqual(['zhou\t周总 head-office\tsouth=manager']);
		const before = (await stored()).hashes.zhou!;
		const renewed = await run('password', 'zhou');
		const password = /shown only now\): (\S+)$/.exec(renewed.lines[0]!)![1]!;
		const after = (await stored()).hashes.zhou!;
		expect(after).not.toBe(before);
		expect(await verifyPassword(password, after)).toBe(true);
		expect((await run('remove', 'zhou')).code).toBe(0);
		expect((await stored()).list).toEqual([]);
	});

	it('refuses, in plain words, a username a site has, an unknown account, a role that is not one, and a wrong command', async () => {
		const clash = await run('add', 'chen', '--name', '陈', '--head-office');
		expect(clash).toMatchObject({ code: 1, lines: [] });
		expect(clash.errors[0]).toBe(
			'Site north has a staff account named chen: a company account cannot take that name (服务中心 north 已有名为 chen 的员工账号，公司账号不能使用该用户名)'
		);
		expect((await run('remove', 'nobody')).errors[0]).toMatch(
			/^There is no company account named nobody/
		);
		const role = await run('add', 'sun', '--name', '孙', '--site', 'north=boss');
		expect(role.code).toBe(1);
		expect(role.errors[0]).toMatch(/^sites\.north\.0: /);
		expect((await run('promote', 'sun')).errors[0]).toMatch(/^Usage:/);
		expect((await stored()).list).toEqual([]);
	});

	it('reads --site north= as no roles at north', () => {
		expect(
			parseAccountsArgs(['set-roles', 'wang', '--site', 'north=', '--site', 'south=cashier']).sites
		).toEqual({
			south: ['cashier']
		});
		expect(() => parseAccountsArgs(['add', 'wang'])).toThrow(/--name/);
	});
});
