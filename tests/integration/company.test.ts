import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n';
import type { CompanyFigures } from '$lib/domain/reports/company';
import type { ServiceReport } from '$lib/domain/reports/types';
import { ADMIN_PASSWORD, removeDir, tempDataDir } from '../helpers/server';

/**
 * Two sites served by one process with one company (tests/helpers/company-server.js, on the
 * build): company accounts sign in at each site with that site's roles, head office reads and
 * never writes, a session stays at its site, and the company's figures add up the sites' own.
 */
const root = new URL('../..', import.meta.url).pathname;
const HEAD_PASSWORD = 'head-office-pass-1';
const PASSWORD = 'company-pass-123';
const ACCOUNTS = [
	{
		username: 'wang',
		displayName: '王经理',
		password: PASSWORD,
		sites: { north: ['cashier'], south: ['manager'] }
	},
	{ username: 'liming', displayName: '李明', password: PASSWORD, sites: { south: ['cashier'] } }
];

interface Started {
	sites: Record<'north' | 'south', { url: string }>;
}
let child: ChildProcess;
let dir: string;
let sites: Started['sites'];

beforeAll(async () => {
	dir = dirname(await tempDataDir());
	child = spawn(process.execPath, [`${root}tests/helpers/company-server.js`, dir], {
		env: {
			...process.env,
			FOYER_TEST_FAST_HASH: '1',
			ADMIN_PASSWORD,
			HEAD_PASSWORD,
			COMPANY_ACCOUNTS: JSON.stringify(ACCOUNTS)
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	sites = await new Promise<Started['sites']>((resolve, reject) => {
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const line = out.split('\n').find((l) => l.startsWith('{"sites"'));
			if (line) resolve((JSON.parse(line) as Started).sites);
		});
		child.once('exit', (code) => reject(new Error(`harness exited with ${code}:\n${out}`)));
	});
});

afterAll(async () => {
	if (child.exitCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	}
	await removeDir(dir);
});

/** Logs in at a site; the answer, and the cookie to send when it worked. */
async function login(site: 'north' | 'south', username: string, password: string) {
	const url = sites[site].url;
	const res = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ username, password })
	});
	const cookie = res.headers
		.getSetCookie()
		.find((c) => c.startsWith('foyer_session='))
		?.split(';')[0];
	return { status: res.status, body: (await res.json()) as Record<string, unknown>, cookie };
}

async function signedIn(site: 'north' | 'south', username: string, password: string) {
	const r = await login(site, username, password);
	if (!r.cookie)
		throw new Error(`${username} could not sign in at ${site}: ${JSON.stringify(r.body)}`);
	return r.cookie;
}

function get(site: 'north' | 'south', cookie: string, path: string) {
	return fetch(`${sites[site].url}${path}`, { headers: { cookie } });
}

describe('one deployment, two sites, one company', () => {
	it('a company account acts at each site with its roles there', async () => {
		const north = await login('north', 'wang', PASSWORD);
		const south = await login('south', 'wang', PASSWORD);
		expect(north.body).toMatchObject({ staff: { username: 'wang', roles: ['cashier'] } });
		expect(south.body).toMatchObject({ staff: { username: 'wang', roles: ['manager'] } });
		// The same person reads the reports where they are the manager, not where they are a cashier.
		const period = '?period=2026-Q4';
		expect((await get('north', north.cookie!, `/api/desk/reports${period}`)).status).toBe(403);
		expect((await get('south', south.cookie!, `/api/desk/reports${period}`)).status).toBe(200);
	});

	it('an account with no roles at a site gets the answer of a wrong password there', async () => {
		const none = await login('north', 'liming', PASSWORD);
		const wrong = await login('north', 'wang', 'not-the-password');
		expect(none.status).toBe(401);
		expect(none.body).toEqual(wrong.body);
		expect(none.body).toMatchObject({ error: { key: 'error.loginFailed' } });
		expect((await login('south', 'liming', PASSWORD)).status).toBe(200);
	});

	it('head office reads at any site and is refused every write, in the reader’s language', async () => {
		const cookie = await signedIn('north', 'head', HEAD_PASSWORD);
		expect((await get('north', cookie, '/api/desk/reports?period=2026-11')).status).toBe(200);
		const publish = (lang: string) =>
			fetch(`${sites.north.url}/api/notices?lang=${lang}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: sites.north.url, cookie },
				body: JSON.stringify({ title: '停水通知', body: '明天停水', level: 'normal' })
			});
		const zh = await publish('zh-CN');
		expect(zh.status).toBe(403);
		expect(await zh.json()).toMatchObject({ message: translate('zh-CN', 'error.forbidden') });
		const en = await publish('en');
		expect(en.status).toBe(403);
		expect(await en.json()).toMatchObject({ message: translate('en', 'error.forbidden') });
		// At the other site, too: it may sign in there with its read-only role.
		const south = await login('south', 'head', HEAD_PASSWORD);
		expect(south.body).toMatchObject({ staff: { roles: ['headoffice'] } });
	});

	it('a session made at one site is no session at the other, even with the cookie copied', async () => {
		const cookie = await signedIn('north', 'head', HEAD_PASSWORD);
		expect((await get('north', cookie, '/api/desk/company?period=2026-11')).status).toBe(200);
		const copied = await get('south', cookie, '/api/desk/company?period=2026-11');
		expect(copied.status).toBe(401);
		const admin = await signedIn('north', 'admin', ADMIN_PASSWORD);
		expect((await get('south', admin, '/api/desk/reports?period=2026-11')).status).toBe(401);
	});

	it("a site's admin runs the site but does not read the company's other sites", async () => {
		const admin = await signedIn('north', 'admin', ADMIN_PASSWORD);
		const res = await get('north', admin, '/api/desk/company?period=2026-11');
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: { key: 'error.forbidden' } });
	});

	it("the company's figures are each site's own report, and its total adds up the sites' counts", async () => {
		const head = await signedIn('north', 'head', HEAD_PASSWORD);
		// This month: the demo's bills and the day's payments, ratings and tickets.
		const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
			.format(new Date())
			.slice(0, 7);
		const res = await get('north', head, `/api/desk/company?period=${month}`);
		expect(res.status).toBe(200);
		const { figures } = (await res.json()) as { figures: CompanyFigures };
		const own: Record<string, ServiceReport> = {};
		for (const site of ['north', 'south'] as const) {
			const admin = await signedIn(site, 'admin', ADMIN_PASSWORD);
			const r = await get(site, admin, `/api/desk/reports?period=${month}`);
			own[site] = ((await r.json()) as { report: ServiceReport }).report;
		}
		expect(figures.sites.map((s) => [s.siteId, s.nameEn])).toEqual([
			['north', 'Emerald Lake Gardens Service Center'],
			['south', 'South Lake Gardens Service Center']
		]);
		for (const row of figures.sites) {
			const f = own[row.siteId]!.current;
			expect(row.satisfaction).toMatchObject({
				measured: f.satisfaction.rated,
				met: f.satisfaction.satisfied,
				rate: f.satisfaction.rate
			});
			expect(row.collection).toEqual({
				billedFen: f.fees.billing.billedFen,
				paidFen: f.fees.billing.paidFen,
				rate: f.fees.billing.rate
			});
			expect(row.onTime).toMatchObject({
				measured: f.workOrders.sla.resolutionMeasured,
				met: f.workOrders.sla.resolutionMet
			});
			expect(row.queue).toEqual({
				served: f.queue.done,
				called: f.queue.called,
				waitP50Ms: f.queue.waitP50Ms
			});
		}
		const sum = (pick: (r: ServiceReport) => number) => pick(own.north!) + pick(own.south!);
		const { total } = figures;
		const rated = sum((r) => r.current.satisfaction.rated);
		const satisfied = sum((r) => r.current.satisfaction.satisfied);
		expect(total.satisfaction).toMatchObject({ measured: rated, met: satisfied });
		expect(total.satisfaction.rate).toBeCloseTo(satisfied / rated, 12);
		const rates = figures.sites.map((s) => s.satisfaction.rate!);
		expect(total.satisfaction.rate).not.toBeCloseTo((rates[0]! + rates[1]!) / 2, 3);
		const billed = sum((r) => r.current.fees.billing.billedFen);
		const paid = sum((r) => r.current.fees.billing.paidFen);
		expect(total.collection).toEqual({ billedFen: billed, paidFen: paid, rate: paid / billed });
		expect(total.queue.served).toBe(sum((r) => r.current.queue.done));
		expect(total.queue.called).toBe(sum((r) => r.current.queue.called));
		// The sites differ (3 and 8 homes paid and rated, tickets served), so a site counted twice
		// or left out would show; the company's rate is not the average of the sites' rates.
		expect(own.north!.current.queue.done).not.toBe(own.south!.current.queue.done);
		expect(rated).toBeGreaterThan(0);
		expect(paid).toBeGreaterThan(0);
		// Each site's name opens its own report: here relative, the other on its own address.
		expect(figures.sites[0]!.reportUrl).toBe(`/desk/reports?p=${month}`);
		expect(figures.sites[1]!.reportUrl).toBe(`${sites.south.url}/desk/reports?p=${month}`);
	});
});
