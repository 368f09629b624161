import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentView } from '../../src/lib/domain/payment';
import { notificationBody, signNotification } from '../../src/lib/server/payments/sandbox';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres';
import { DEMO_STAFF } from '../../src/lib/server/seed';
import {
	api,
	login,
	next,
	removeDir,
	socket,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * Two Foyer processes on one PostgreSQL database, as a company deployment runs them behind one
 * address: requests alternate between them, and every rule must hold as if there were one.
 */
describe.runIf(TEST_DATABASE_URL)('two server processes on one database', () => {
	let db: TestDatabase;
	let a: RunningServer;
	let b: RunningServer;
	const cookies = new Map<RunningServer, string>();
	/** Request i goes to process a or b in turn. */
	const either = (i: number) => (i % 2 ? b : a);

	beforeAll(async () => {
		db = await createTestDatabase();
		// Started together on the empty database: the demo is seeded once, by one of them.
		[a, b] = await Promise.all([
			startServer({ env: { DATABASE_URL: db.url } }),
			startServer({ env: { DATABASE_URL: db.url } })
		]);
		for (const s of [a, b]) cookies.set(s, await login(s));
	});
	afterAll(async () => {
		for (const s of [a, b]) {
			if (s?.process.exitCode === null) await s.stop();
			if (s) await removeDir(s.dataDir);
		}
		await db?.drop();
	});

	async function rows<T>(sql: string, values?: unknown[]): Promise<T[]> {
		return (await db.query(sql, values)).rows as T[];
	}

	/** A desk form action posted from outside, as the enhanced form does. */
	async function deskAction(server: RunningServer, path: string, fields: Record<string, string>) {
		const res = await fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie: cookies.get(server)!,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams(fields)
		});
		expect(res.status).toBeLessThan(500);
		return (await res.json()) as { type: string; data?: string };
	}

	function post<T>(server: RunningServer, path: string, body: unknown) {
		return fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify(body)
		}).then(async (r) => ({ status: r.status, body: (await r.json()) as T }));
	}

	it('seeded the demo once, though both started on the empty database at the same moment', async () => {
		const usernames = await rows<{ u: string }>(
			`SELECT a->>'username' AS u FROM documents, jsonb_array_elements(data->'staff') a
			 WHERE name = 'staff'`
		);
		// The admin and the demo accounts, each once.
		expect(usernames.map((r) => r.u).sort()).toEqual(
			['admin', ...DEMO_STAFF.map((s) => s.username)].sort()
		);
		const bills = await rows<{ n: string }>(
			`SELECT count(DISTINCT data->>'unitId' || '|' || (data->>'period') || '|' || (data->>'standardId')) AS n,
			        count(*) AS all FROM records WHERE collection = 'bills'`
		);
		expect(bills[0]).toMatchObject({ n: (bills[0] as unknown as { all: string }).all });
		const seeded = [a, b].filter((s) => s.output().includes('seeded'));
		expect(seeded).toHaveLength(1);
	});

	it('lets exactly one of ten simultaneous bookings of one slot through, across both', async () => {
		const results = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				deskAction(either(i), '/desk/rooms?/create', {
					roomId: 'room-2',
					title: '业主代表大会',
					date: '2030-05-20',
					start: '14:00',
					end: '16:00',
					setupMin: '30',
					teardownMin: '30',
					attendees: '60',
					layout: 'theatre'
				})
			)
		);
		expect(results.filter((r) => r.type === 'redirect' || r.type === 'success')).toHaveLength(1);
		const refused = results.filter((r) => r.type === 'failure');
		expect(refused).toHaveLength(9);
		for (const r of refused) expect(r.data).toContain('业主代表大会');
		const stored = await rows(
			`SELECT id FROM records WHERE collection = 'bookings' AND data->>'title' = '业主代表大会'`
		);
		expect(stored).toHaveLength(1);
	});

	it('gives twenty cash payments taken at the same moment gapless receipt numbers', async () => {
		type Bill = { id: string; unitId: string };
		const paidUnits = await rows<{ u: string }>(
			`SELECT DISTINCT data->>'unitId' AS u FROM records WHERE collection = 'ledger'`
		);
		const skip = new Set(paidUnits.map((r) => r.u));
		const bills = await rows<{ data: Bill }>(
			`SELECT data FROM records WHERE collection = 'bills' ORDER BY seq`
		);
		const oneEach = new Map<string, Bill>();
		for (const { data } of bills) {
			if (!skip.has(data.unitId) && !oneEach.has(data.unitId)) oneEach.set(data.unitId, data);
		}
		const chosen = [...oneEach.values()].slice(0, 20);
		expect(chosen).toHaveLength(20);
		const before = await rows<{ n: string }>(
			`SELECT count(*) AS n FROM records WHERE collection = 'ledger' AND data->>'receiptSeq' IS NOT NULL`
		);

		const answers = await Promise.all(
			chosen.map((bill, i) =>
				deskAction(either(i), '/desk/fees?/pay', {
					unitId: bill.unitId,
					billId: bill.id,
					method: 'cash',
					tendered: ''
				})
			)
		);
		expect(answers.map((x) => x.type)).toEqual(Array(20).fill('success'));
		const seqs = await rows<{ seq: number }>(
			`SELECT (data->>'receiptSeq')::int AS seq FROM records
			 WHERE collection = 'ledger' AND data->>'receiptSeq' IS NOT NULL ORDER BY 1`
		);
		const n = Number(before[0]!.n) + 20;
		expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
	});

	it('settles ten duplicate notifications sent to both processes as one payment with one receipt', async () => {
		const site = await rows<{ data: { residents: { unitId: string; phone: string }[] } }>(
			`SELECT data FROM documents WHERE name = 'site'`
		);
		const unitId = '3-2-702';
		const phone = site[0]!.data.residents.find((r) => r.unitId === unitId)!.phone;
		const [building, entrance, room] = unitId.split('-');
		// The kiosk's steps land on either process.
		const identified = await post<{ visit: { token: string } }>(a, '/api/kiosk/identify', {
			building,
			entrance,
			room,
			phoneTail: phone.slice(-4)
		});
		const visit = identified.body.visit.token;
		const bills = await post<{ bills: { id: string }[] }>(b, '/api/kiosk/bills', { visit });
		expect(bills.body.bills.length).toBeGreaterThan(0);
		const pay = await post<{ intent: IntentView }>(a, '/api/kiosk/pay', {
			visit,
			billIds: bills.body.bills.map((x) => x.id)
		});
		expect(pay.status).toBe(201);
		// Paid on the phone (through process b), the provider's notification not sent yet.
		const phonePage = pay.body.intent.qrPayload!.replace(a.url, b.url);
		const confirmed = await fetch(phonePage, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: b.url },
			body: 'silent=on'
		});
		expect(confirmed.status).toBe(200);

		const sandbox = await rows<{ data: { secret: string; orders: { reference: string }[] } }>(
			`SELECT data FROM documents WHERE name = 'sandbox'`
		);
		const order = sandbox[0]!.data.orders.find((o) => o.reference === pay.body.intent.id);
		const body = notificationBody(order as never);
		const replies = await Promise.all(
			Array.from({ length: 10 }, (_, i) => {
				const headers = signNotification(sandbox[0]!.data.secret, body, {
					timestamp: Math.floor(Date.now() / 1000),
					nonce: `n${i}${Math.random().toString(36).slice(2)}`
				});
				return fetch(`${either(i).url}/api/payments/notify/sandbox`, {
					method: 'POST',
					headers: { ...headers, 'content-type': 'application/json' },
					body
				});
			})
		);
		expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));

		const payments = await rows<{ data: { receiptSeq: number } }>(
			`SELECT data FROM records WHERE collection = 'ledger' AND data->>'intentId' = $1`,
			[pay.body.intent.id]
		);
		expect(payments).toHaveLength(1);
		const receipts = await rows(
			`SELECT id FROM records WHERE collection = 'printjobs' AND data->>'kind' = 'receipt'
			 AND data::text LIKE $1`,
			[`%${String(payments[0]!.data.receiptSeq).padStart(6, '0')}%`]
		);
		expect(receipts).toHaveLength(1);
		const state = await post<{ intent: IntentView }>(b, `/api/kiosk/pay/${pay.body.intent.id}`, {
			visit
		});
		expect(state.body.intent.status).toBe('paid');
	});

	it('limits wrong passwords for both processes at once: of twenty, five are ever checked', async () => {
		const attempt = (i: number) =>
			post<{ error: { key: string } }>(either(i), '/api/session', {
				username: 'dispatcher',
				password: `wrong-${i}`
			});
		// Ten at the same moment (one hash per address at a time: the rest are refused at once),
		// then ten one after the other, alternating between the processes.
		const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i)));
		for (let i = 10; i < 20; i++) answers.push(await attempt(i));
		expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
		const refused = answers.filter((r) => r.status === 429);
		expect(refused).toHaveLength(15);
		for (const r of refused) {
			expect(['error.tooManyAttempts', 'error.hashBusy']).toContain(r.body.error.key);
		}
		// The last ones come after the fifth failure was counted: the limit, not a busy hash.
		expect(answers.at(-1)!.body.error.key).toBe('error.tooManyAttempts');
	});

	it('keeps two sites of one database apart: no push and no record crosses', async () => {
		const south = await startServer({ env: { DATABASE_URL: db.url, SITE: 'south' } });
		try {
			const southCookie = await login(south);
			const screens = [a, south].map((server) => {
				const s = socket(server, '/public');
				const heard: string[] = [];
				s.on('notice:published', (p: { notice?: { title?: string } }) =>
					heard.push(p.notice?.title ?? JSON.stringify(p))
				);
				return { s, heard, ready: next(s, 'snapshot') };
			});
			for (const x of screens) x.s.connect();
			await Promise.all(screens.map((x) => x.ready));
			const [northScreen, southScreen] = screens;

			const southHeard = next(southScreen!.s, 'notice:published');
			const published = await api(south, southCookie, 'POST', '/api/notices', {
				title: '南区停水',
				body: ''
			});
			expect(published.status).toBe(201);
			await southHeard;
			// Then one on the default site through the other process: it reaches the default
			// site's screen through the database after south's would have, had it crossed.
			const northHeard = next(northScreen!.s, 'notice:published');
			const own = await api(b, cookies.get(b)!, 'POST', '/api/notices', {
				title: '北区通知',
				body: ''
			});
			expect(own.status).toBe(201);
			await northHeard;
			expect(JSON.stringify(northScreen!.heard)).not.toContain('南区停水');
			expect(JSON.stringify(southScreen!.heard)).not.toContain('北区通知');
			for (const x of screens) x.s.disconnect();

			// A record of one site is not found through the other.
			const id = ((await published.json()) as { notice: { id: string } }).notice.id;
			const listed = async (server: RunningServer) =>
				JSON.stringify(await (await fetch(`${server.url}/api/notices`)).json());
			expect(await listed(a)).not.toContain('南区停水');
			expect(await listed(south)).toContain('南区停水');
			// Clearing it through the default site's process: as if it did not exist.
			expect((await api(a, cookies.get(a)!, 'DELETE', `/api/notices/${id}`)).status).toBe(404);
			expect(await listed(south)).toContain('南区停水');
			const sites = await rows<{ site_id: string }>(
				`SELECT site_id FROM records WHERE collection = 'notices' AND id = $1`,
				[id]
			);
			expect(sites).toEqual([{ site_id: 'south' }]);
		} finally {
			await south.stop();
			await removeDir(south.dataDir);
		}
	});
});
