import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres';
import {
	ADMIN_PASSWORD,
	next,
	removeDir,
	startServer,
	type RunningServer
} from '../helpers/server';

interface Answer {
	status: number;
	body: Record<string, unknown> & { error?: { key: string } };
	cookie: string | null;
}

/**
 * A request to `site`'s address on one process: the Host a browser on north.… would send.
 * (Node's fetch sets Host from the URL and resolves no `*.localhost`, so this goes by http.)
 */
function at(
	server: RunningServer,
	site: string,
	method: string,
	path: string,
	options: { body?: unknown; cookie?: string } = {}
): Promise<Answer> {
	const host = `${site}.localhost:${server.port}`;
	const body = options.body === undefined ? undefined : JSON.stringify(options.body);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: '127.0.0.1',
				port: server.port,
				method,
				path,
				headers: {
					host,
					origin: `http://${host}`,
					accept: 'application/json',
					...(body ? { 'content-type': 'application/json' } : {}),
					...(options.cookie ? { cookie: options.cookie } : {})
				}
			},
			(res) => {
				let text = '';
				res.on('data', (d: Buffer) => (text += d.toString()));
				res.on('end', () => {
					const set = res.headers['set-cookie']?.find((c) => c.startsWith('foyer_session='));
					let parsed: Answer['body'] = {};
					try {
						parsed = JSON.parse(text) as Answer['body'];
					} catch {
						parsed = { text };
					}
					resolve({ status: res.statusCode!, body: parsed, cookie: set?.split(';')[0] ?? null });
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** A board's connection to `site`'s address on one process, not yet connected. */
function screenAt(server: RunningServer, site: string): Socket {
	return io(`http://127.0.0.1:${server.port}/public`, {
		transports: ['websocket'],
		extraHeaders: { host: `${site}.localhost:${server.port}` },
		reconnection: false,
		autoConnect: false,
		forceNew: true
	});
}

/**
 * One deployment, two sites, two processes: each process serves both sites (SITES), and a
 * request or a screen finds its site by the address it used.
 */
describe.runIf(TEST_DATABASE_URL)('two sites served by two processes on one database', () => {
	let db: TestDatabase;
	let a: RunningServer;
	let b: RunningServer;
	const SITES = ['north', 'south'] as const;

	beforeAll(async () => {
		db = await createTestDatabase();
		const start = () =>
			startServer({
				env: { DATABASE_URL: db.url, SITES: SITES.join(','), HEAD_PASSWORD: 'head-office-pass-1' }
			});
		[a, b] = await Promise.all([start(), start()]);
	});
	afterAll(async () => {
		for (const s of [a, b]) {
			if (s?.process.exitCode === null) await s.stop();
			if (s) await removeDir(s.dataDir);
		}
		await db?.drop();
	});

	const login = async (server: RunningServer, site: string) => {
		const r = await at(server, site, 'POST', '/api/session', {
			body: { username: 'admin', password: ADMIN_PASSWORD }
		});
		expect(r.status).toBe(200);
		return r.cookie!;
	};

	it('seeds each site once though both processes started on the empty database together', async () => {
		const output = a.output() + b.output();
		for (const site of SITES) {
			expect(output.match(new RegExp(`\\[${site}\\] Demo service center`, 'g'))).toHaveLength(1);
		}
		const staffDocs = await db.query(
			`SELECT site_id FROM documents WHERE name = 'staff' ORDER BY site_id`
		);
		expect(staffDocs.rows).toEqual([{ site_id: 'north' }, { site_id: 'south' }]);
	});

	it('answers an address that names no site it serves as if nothing were there', async () => {
		const r = await at(a, 'elsewhere', 'GET', '/api/notices');
		expect(r.status).toBe(404);
		expect(r.body.error?.key).toBe('error.unknownSite');
		// A person who typed the address wrong reads why, in both languages.
		const page = await at(a, 'elsewhere', 'GET', '/kiosk');
		expect(page.status).toBe(404);
		expect(String(page.body.text)).toContain('此地址不对应这里的任何服务中心');
		expect(String(page.body.text)).toContain('This address names no service center');
		// By IP (which names no site), with the headers every answer carries.
		const byIp = await fetch(`${a.url}/kiosk`);
		expect(byIp.status).toBe(404);
		expect(byIp.headers.get('x-content-type-options')).toBe('nosniff');
		// The process's own probe answers on any address (the proxy asks by IP).
		expect((await fetch(`${a.url}/healthz/ready`)).status).toBe(200);
	});

	it("keeps a session to its site: north's cookie is nobody at south", async () => {
		const cookie = await login(a, 'north');
		const reports = '/api/desk/reports?period=2026-11';
		expect((await at(b, 'north', 'GET', reports, { cookie })).status).toBe(200);
		expect((await at(b, 'south', 'GET', reports, { cookie })).status).toBe(401);
		const elsewhere = await at(b, 'south', 'POST', '/api/notices', {
			cookie,
			body: { title: '越界', body: '' }
		});
		expect(elsewhere.status).toBe(401);
	});

	it("pushes a site's notice to its screens on either process and never to the other site's", async () => {
		const screens = [
			{ site: 'north', s: screenAt(b, 'north') },
			{ site: 'south', s: screenAt(b, 'south') },
			{ site: 'north', s: screenAt(a, 'north') }
		].map((x) => ({ ...x, heard: [] as string[], ready: next(x.s, 'snapshot') }));
		for (const x of screens) {
			x.s.on('notice:published', (p: unknown) => x.heard.push(JSON.stringify(p)));
			x.s.connect();
		}
		await Promise.all(screens.map((x) => x.ready));
		try {
			const [northOnB, southOnB, northOnA] = screens;
			const heardNorth = Promise.all([
				next(northOnB!.s, 'notice:published'),
				next(northOnA!.s, 'notice:published')
			]);
			const published = await at(a, 'north', 'POST', '/api/notices', {
				cookie: await login(a, 'north'),
				body: { title: '北区停水', body: '' }
			});
			expect(published.status).toBe(201);
			await heardNorth;
			// Then south's own, through the other process: it reaches south's screen after
			// north's would have, had north's crossed.
			const heardSouth = next(southOnB!.s, 'notice:published');
			const southNotice = await at(b, 'south', 'POST', '/api/notices', {
				cookie: await login(b, 'south'),
				body: { title: '南区通知', body: '' }
			});
			expect(southNotice.status).toBe(201);
			await heardSouth;
			const heard = (x: (typeof screens)[number] | undefined) => x!.heard.join('\n');
			expect(southOnB!.heard).toHaveLength(1);
			expect(heard(southOnB)).toContain('南区通知');
			for (const north of [northOnB, northOnA]) {
				expect(north!.heard).toHaveLength(1);
				expect(heard(north)).toContain('北区停水');
			}

			// North's record asked for at south's address: as if it did not exist.
			const id = (published.body as { notice: { id: string } }).notice.id;
			const southCookie = await login(a, 'south');
			expect(
				(await at(a, 'south', 'DELETE', `/api/notices/${id}`, { cookie: southCookie })).status
			).toBe(404);
			const southList = JSON.stringify((await at(a, 'south', 'GET', '/api/notices')).body);
			expect(southList).toContain('南区通知');
			expect(southList).not.toContain('北区停水');
			const rows = await db.query(
				`SELECT site_id FROM records WHERE collection = 'notices' AND id = $1`,
				[id]
			);
			expect(rows.rows).toEqual([{ site_id: 'north' }]);
		} finally {
			for (const x of screens) x.s.disconnect();
		}
	});

	it("lets head office read every site's figures from any site, and change nothing", async () => {
		const signIn = async (site: string) => {
			const r = await at(b, site, 'POST', '/api/session', {
				body: { username: 'head', password: 'head-office-pass-1' }
			});
			expect(r.status).toBe(200);
			return r.cookie!;
		};
		const north = await signIn('north');
		await signIn('south');
		const company = await at(b, 'north', 'GET', '/api/desk/company?period=2026-11', {
			cookie: north
		});
		expect(company.status).toBe(200);
		const figures = company.body.figures as {
			sites: { siteId: string; collection: { billedFen: number } }[];
			total: { collection: { billedFen: number } };
		};
		expect(figures.sites.map((x) => x.siteId)).toEqual(['north', 'south']);
		expect(figures.total.collection.billedFen).toBe(
			figures.sites.reduce((n, x) => n + x.collection.billedFen, 0)
		);
		const write = await at(b, 'north', 'POST', '/api/notices', {
			cookie: north,
			body: { title: '总部通知', body: '' }
		});
		expect(write.status).toBe(403);
		// A site's admin does not read the company's figures.
		const admin = await at(b, 'north', 'GET', '/api/desk/company?period=2026-11', {
			cookie: await login(b, 'north')
		});
		expect(admin.status).toBe(403);
	});

	it('labels the metrics of every site the process serves', async () => {
		const r = await at(a, 'north', 'GET', '/api/metrics', { cookie: await login(a, 'north') });
		expect(r.status).toBe(200);
		const text = String(r.body.text);
		for (const site of SITES) expect(text).toContain(`site="${site}"`);
	});
});
