import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { TodayOverview } from '../../src/lib/domain/today';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres';
import {
	demoStaffPassword,
	login,
	next,
	removeDir,
	socket,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * What used to be one process's memory, made true for two processes on one database: request
 * rates, the connected screens the desk sees, and import previews.
 */
describe.runIf(TEST_DATABASE_URL)('two processes share what one process used to keep', () => {
	let db: TestDatabase;
	let a: RunningServer;
	let b: RunningServer;
	const admin = new Map<RunningServer, string>();
	const manager = new Map<RunningServer, string>();

	beforeAll(async () => {
		db = await createTestDatabase();
		[a, b] = await Promise.all([
			startServer({ env: { DATABASE_URL: db.url } }),
			startServer({ env: { DATABASE_URL: db.url } })
		]);
		// The demo's password is printed by the process that seeded the empty database.
		const seeder = [a, b].find((s) => s.output().includes('Demo staff'))!;
		for (const s of [a, b]) {
			admin.set(s, await login(s));
			manager.set(s, await login(s, 'manager', demoStaffPassword(seeder)));
		}
	});
	afterAll(async () => {
		for (const s of [a, b]) {
			if (s?.process.exitCode === null) await s.stop();
			if (s) await removeDir(s.dataDir);
		}
		await db?.drop();
	});

	/** Resolves with `check()`'s answer once it is truthy, asking every 100 ms for up to 10 s. */
	async function until<T>(check: () => Promise<T>, what: string): Promise<T> {
		const end = Date.now() + 10_000;
		for (;;) {
			const answer = await check();
			if (answer) return answer;
			if (Date.now() > end) throw new Error(`not within 10 s: ${what}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	it("admits one minute's tickets from one kiosk sent to both processes at the same moment", async () => {
		const take = (server: RunningServer) =>
			fetch(`${server.url}/api/queue/tickets`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({ service: 'consult' })
			}).then(async (r) => ({
				status: r.status,
				body: (await r.json()) as { error?: { key: string; message: string } }
			}));
		// 24 at once, alternating: one process alone would allow 10, two counting apart 20.
		const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => take(i % 2 ? b : a)));
		expect(answers.filter((x) => x.status === 201)).toHaveLength(10);
		const refused = answers.filter((x) => x.status === 429);
		expect(refused).toHaveLength(14);
		// The same refusal as one process gives, in words.
		for (const r of refused) {
			expect(r.body.error).toMatchObject({
				key: 'error.tooManyRequests',
				message: expect.stringContaining('1 分钟')
			});
		}
		const tickets = await db.query(`SELECT id FROM records WHERE collection = 'tickets'`);
		expect(tickets.rows).toHaveLength(10);
	});

	/** The manager's today overview as process `server` computes it for a desk connecting now. */
	async function todayOf(server: RunningServer): Promise<TodayOverview> {
		const s = socket(server, '/desk', { origin: server.url, cookie: manager.get(server)! });
		const overview = next<TodayOverview>(s, 'overview:today');
		s.connect();
		try {
			return await overview;
		} finally {
			s.disconnect();
		}
	}

	/** A desk socket on `server`, connected, with its snapshot's count and every count pushed. */
	async function desk(server: RunningServer) {
		const s = socket(server, '/desk', { origin: server.url, cookie: admin.get(server)! });
		const counts: { public: number; desk: number }[] = [];
		s.on('snapshot', (snap: { clients: { public: number; desk: number } }) =>
			counts.push(snap.clients)
		);
		s.on('clients:changed', ({ public: p, desk: d }: { public: number; desk: number }) =>
			counts.push({ public: p, desk: d })
		);
		const ready = next(s, 'snapshot');
		s.connect();
		await ready;
		return { s, counts };
	}

	it('shows a board connected to process 2 as online on process 1, and offline within seconds of leaving', async () => {
		// Paired and approved through process 1.
		const pairing = await fetch(`${a.url}/api/devices/pair`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: a.url },
			body: JSON.stringify({ kind: 'display' })
		});
		expect(pairing.status).toBe(201);
		const { token, code } = (await pairing.json()) as { token: string; code: string };
		const approved = await fetch(`${a.url}/desk/devices?/approve`, {
			method: 'POST',
			headers: {
				origin: a.url,
				cookie: admin.get(a)!,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ code, name: '大堂叫号屏', location: '大堂', board: 'queue' })
		});
		expect(((await approved.json()) as { type: string }).type).toBe('success');
		const boardId = async () =>
			(await todayOf(a)).screens.screens.offline.find((d) => d.name === '大堂叫号屏');
		const { id } = (await boardId())!;
		const offlineOnA = async () =>
			(await todayOf(a)).screens.screens.offline.some((d) => d.id === id);

		const watching = await desk(a);
		expect(watching.counts[0]!.public).toBe(0);

		// The board connects to process 2 only.
		const board: Socket = io(`${b.url}/public`, {
			transports: ['websocket'],
			reconnection: false,
			forceNew: true,
			auth: { device: token }
		});
		await next(board, 'snapshot');
		await until(async () => !(await offlineOnA()), 'the board online in process 1’s overview');
		// Process 1 has no public socket of its own: the desk's count is the cluster's.
		await until(
			async () => watching.counts.at(-1)!.public === 1,
			'the desk on process 1 counts the board'
		);
		const fresh = await desk(a);
		expect(fresh.counts[0]!.public).toBe(1);
		fresh.s.disconnect();

		const left = Date.now();
		board.disconnect();
		await until(offlineOnA, 'the board offline in process 1’s overview');
		expect(Date.now() - left).toBeLessThan(5_000);
		await until(
			async () => watching.counts.at(-1)!.public === 0,
			'the desk on process 1 no longer counts it'
		);
		watching.s.disconnect();
	});

	it('confirms on process 2 an import previewed on process 1, once', async () => {
		const csv =
			'楼栋*,单元*,房间号*,面积*,用途,状态\n31,1,101,88.50,住宅,已入住\n31,1,102,90.00,住宅,空置\n';
		const form = new FormData();
		form.set('kind', 'units');
		form.set('file', new File([csv], 'units.csv'));
		const preview = await fetch(`${a.url}/desk/site/import/preview`, {
			method: 'POST',
			headers: { origin: a.url, cookie: admin.get(a)! },
			body: form
		});
		expect(preview.status).toBe(200);
		const { token, add, errors } = (await preview.json()) as {
			token: string;
			add: number;
			errors: unknown[];
		};
		expect({ add, errors }).toEqual({ add: 2, errors: [] });

		// Confirmed twice at the same moment, through each process: applied once.
		const confirm = (server: RunningServer) =>
			fetch(`${server.url}/desk/site/import/${token}/confirm`, {
				method: 'POST',
				headers: { origin: server.url, cookie: admin.get(server)! },
				body: new FormData()
			}).then(async (r) => ({
				status: r.status,
				body: (await r.json()) as { add?: number; error?: { key: string } }
			}));
		const [onB, onA] = await Promise.all([confirm(b), confirm(a)]);
		const answers = [onB, onA].sort((x, y) => x.status - y.status);
		expect(answers[0]).toMatchObject({ status: 200, body: { add: 2 } });
		expect(answers[1]).toMatchObject({
			status: 404,
			body: { error: { key: 'error.importExpired' } }
		});
		const site = await db.query(`SELECT data FROM documents WHERE name = 'site'`);
		const units = (site.rows[0].data as { units: { id: string }[] }).units.map((u) => u.id);
		expect(units.filter((u) => u.startsWith('31-1-'))).toEqual(['31-1-101', '31-1-102']);
	});
});
