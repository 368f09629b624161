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
	{ username: 'liming', displayName: '李明', password: PASSWORD, sites: { south: ['cashier'] } },
	{
		username: 'zhou',
		displayName: '周师傅',
		password: PASSWORD,
		sites: { north: ['technician'], south: ['cashier'] }
	}
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

/** A desk form action as `use:enhance` posts it: the JSON answer SvelteKit gives. */
async function action(
	site: 'north' | 'south',
	cookie: string,
	path: string,
	fields: Record<string, string>
) {
	const url = sites[site].url;
	const res = await fetch(`${url}${path}`, {
		method: 'POST',
		headers: {
			origin: url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields)
	});
	return (await res.json()) as { type: string; status: number; location?: string; data?: string };
}

/** A work order reported at the desk and accepted: ready to dispatch. Its id. */
async function acceptedOrder(site: 'north' | 'south', cookie: string): Promise<string> {
	const made = await action(site, cookie, '/desk/workorders?/submit', {
		category: 'repair',
		where: 'area',
		areaId: 'lobby',
		chip: 'leak',
		text: '大堂漏水'
	});
	expect(made.type).toBe('redirect');
	const id = new URL(made.location!, sites[site].url).searchParams.get('id')!;
	const accepted = await action(site, cookie, '/desk/workorders?/act', { id, action: 'accept' });
	expect(accepted.type).toBe('success');
	return id;
}

const page = async (site: 'north' | 'south', cookie: string, path: string) =>
	(await get(site, cookie, path)).text();

describe("company accounts in a site's daily work", () => {
	it('a technician is offered and dispatched to at its site only, works its order, and is named everywhere', async () => {
		const north = await signedIn('north', 'admin', ADMIN_PASSWORD);
		const south = await signedIn('south', 'admin', ADMIN_PASSWORD);
		const zhou = await login('north', 'zhou', PASSWORD);
		const zhouId = (zhou.body as { staff: { id: string } }).staff.id;
		expect(zhouId).toMatch(/^company:/);

		// The picker: offered at north (marked as a company account), not at south, where the
		// same account is a cashier; both sites offer their own technicians.
		const here = await acceptedOrder('north', north);
		const there = await acceptedOrder('south', south);
		const northPage = await page('north', north, `/desk/workorders?id=${here}`);
		const southPage = await page('south', south, `/desk/workorders?id=${there}`);
		expect(northPage).toMatch(new RegExp(`value="${zhouId}"[^>]*>\\s*周师傅（公司账号）`));
		expect(southPage).toContain('data-testid="dispatch-form"');
		expect(southPage).toContain('维修 刘师傅');
		expect(southPage).not.toContain(zhouId);
		expect(southPage).not.toContain('周师傅');
		const refused = await action('south', south, '/desk/workorders?/act', {
			id: there,
			action: 'dispatch',
			technicianId: zhouId
		});
		expect(refused).toMatchObject({ type: 'failure', status: 400 });

		const sent = await action('north', north, '/desk/workorders?/act', {
			id: here,
			action: 'dispatch',
			technicianId: zhouId
		});
		expect(sent.type).toBe('success');
		// Its own list, as a site technician's: the order is there, and it may work it.
		const mine = await page('north', zhou.cookie!, '/desk/workorders?filter=mine');
		expect(mine).toContain(`?id=${encodeURIComponent(here)}`);
		const steps: Record<string, string>[] = [
			{ action: 'start' },
			{ action: 'resolve', note: '已修好' }
		];
		for (const step of steps) {
			const done = await action('north', zhou.cookie!, '/desk/workorders?/act', {
				id: here,
				...step
			});
			expect(done.type).toBe('success');
		}
		const rated = await action('north', north, '/desk/workorders?/act', {
			id: here,
			action: 'followUp',
			score: '3',
			remarks: '一般'
		});
		expect(rated.type).toBe('success');

		// Named: on the order (technician, dispatch, its own steps), in the report, in the log.
		const detail = await page('north', north, `/desk/workorders?id=${here}`);
		expect(detail).toMatch(/data-testid="wo-technician"[^>]*>周师傅</);
		expect(detail).toContain(`${translate('zh-CN', 'desk.wo.dispatchedTo', { name: '周师傅' })}<`);
		expect(detail.match(/<td class="nowrap[^"]*">周师傅<\/td>/g)).toHaveLength(2); // start, resolve
		expect(detail).not.toContain('>zhou<');
		const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
			.format(new Date())
			.slice(0, 7);
		const report = (await (
			await get('north', north, `/api/desk/reports?period=${month}`)
		).json()) as { report: ServiceReport };
		expect(report.report.current.satisfaction.byTechnician).toContainEqual(
			expect.objectContaining({ technician: { id: zhouId, name: '周师傅' }, rated: 1 })
		);
		const log = await page('north', north, '/desk/audit');
		expect(log).toContain('周师傅');
	});

	it('are named in the queue report when they called a ticket', async () => {
		const wang = await login('north', 'wang', PASSWORD);
		const wangId = (wang.body as { staff: { id: string } }).staff.id;
		const url = sites.north.url;
		const took = await fetch(`${url}/api/queue/tickets`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: JSON.stringify({ service: 'consult' })
		});
		expect(took.status).toBe(201);
		const called = await action('north', wang.cookie!, '/desk/queue?/call', {
			counter: 'counter-2',
			service: 'consult'
		});
		expect(called.type).toBe('success');
		const admin = await signedIn('north', 'admin', ADMIN_PASSWORD);
		const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
			.format(new Date())
			.slice(0, 7);
		const r = await get('north', admin, `/api/desk/reports?period=${month}`);
		const { report } = (await r.json()) as { report: ServiceReport };
		expect(report.current.queue.byStaff).toContainEqual(
			expect.objectContaining({ staff: { id: wangId, name: '王经理' } })
		);
	});

	it('are listed read-only on the staff page where they have roles, and refused by the staff actions', async () => {
		const north = await signedIn('north', 'admin', ADMIN_PASSWORD);
		const south = await signedIn('south', 'admin', ADMIN_PASSWORD);
		const staffPage = await page('north', north, '/desk/staff');
		const section = staffPage.slice(staffPage.indexOf('data-testid="company-accounts"'));
		expect(section).toContain('周师傅');
		expect(section).toContain('zhou');
		expect(section).not.toContain('<button');
		expect(section).not.toContain('李明'); // roles at south only
		expect(await page('south', south, '/desk/staff')).toContain('李明');

		const zhouId = ((await login('north', 'zhou', PASSWORD)).body as { staff: { id: string } })
			.staff.id;
		const change = { id: zhouId, displayName: '改名', roles: 'admin', active: 'on' };
		const refused = await action('north', north, '/desk/staff?/change', change);
		expect(refused).toMatchObject({ type: 'failure', status: 409 });
		expect(refused.data).toContain(translate('zh-CN', 'error.companyAccountReadOnly'));
		// liming, with roles at south only, is no account at north: "not found", as any id.
		const liming = ((await login('south', 'liming', PASSWORD)).body as { staff: { id: string } })
			.staff.id;
		const unknown = await action('north', north, '/desk/staff?/change', { ...change, id: liming });
		expect(unknown).toMatchObject({ type: 'failure', status: 404 });
		expect(unknown.data).toContain(translate('zh-CN', 'error.staffNotFound'));
		expect((await login('north', 'zhou', PASSWORD)).body).toMatchObject({
			staff: { displayName: '周师傅', roles: ['technician'] }
		});
	});
});
