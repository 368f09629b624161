import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { receive, type PublicSnapshot, type Versioned } from '../../src/lib/realtime/events';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres';
import {
	api,
	login,
	next,
	removeDir,
	socket,
	startServer,
	tempDataDir,
	type RunningServer
} from '../helpers/server';

/** The processes that took the clock-driven work, by the line each prints (cluster/leader.ts). */
const leaders = (s: RunningServer) =>
	[...s.output().matchAll(/Leader: process (\d+) now runs/g)].map((m) => Number(m[1]));

/** The process a snapshot came from: its epoch is `<start>-<pid>-<random>`. */
const pidOf = (epoch: string) => Number(epoch.split('-')[1]);

/** Waits for a condition, polling; fails after `ms`. */
async function until(what: string, ok: () => boolean, ms = 10_000): Promise<number> {
	const start = Date.now();
	while (!ok()) {
		if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return Date.now() - start;
}

// Several Foyer processes on one database: two servers on two ports (as behind a proxy), and
// two workers sharing one port (WORKERS=2, node:cluster).
describe.runIf(TEST_DATABASE_URL)('several processes on one database', () => {
	let db: TestDatabase;
	let one: RunningServer;
	let two: RunningServer;
	let cluster: RunningServer;
	const started: RunningServer[] = [];
	const start = async (env: Record<string, string> = {}) => {
		const s = await startServer({ env: { DATABASE_URL: db.url, ...env } });
		started.push(s);
		return s;
	};

	beforeAll(async () => {
		db = await createTestDatabase();
		// The first seeds the empty database alone; then a second server (as behind a proxy, on a
		// port of its own) and two workers sharing one port (WORKERS=2, node:cluster).
		one = await start();
		[two, cluster] = await Promise.all([start(), start({ WORKERS: '2' })]);
	});
	afterAll(async () => {
		for (const s of started) {
			if (s.process.exitCode === null && s.process.signalCode === null) await s.stop();
			await removeDir(s.dataDir);
		}
		await db?.drop();
	});

	it('shows a display on process 1 a notice published at a desk on process 2', async () => {
		const display = socket(one, '/public');
		const snapshot = next<PublicSnapshot>(display, 'snapshot');
		display.connect();
		const first = await snapshot;
		expect(pidOf(first.epoch)).toBe(one.process.pid);

		const pushed = next<Record<string, unknown> & Versioned>(display, 'notice:published');
		const cookie = await login(two);
		const res = await api(two, cookie, 'POST', '/api/notices', { title: '停水通知', body: '' });
		expect(res.status).toBe(201);
		const push = await pushed;
		// It came from process 2, through the database, and the screen applies it.
		expect(pidOf(push.epoch)).toBe(two.process.pid);
		const applied = receive(first, 'notice:published', push);
		expect(applied).toMatchObject({ apply: { notices: [{ title: '停水通知' }] } });
		display.disconnect();
	});

	it('serves one port with WORKERS=2, and a board whose worker is killed re-syncs from another', async () => {
		// The banner once, for two workers.
		expect(cluster.output().match(/running on/g)).toHaveLength(1);
		expect(cluster.output()).toContain('Workers:  2 of 2 processes listening');

		const board = io(`${cluster.url}/public`, {
			transports: ['websocket'],
			forceNew: true,
			reconnectionDelay: 100,
			reconnectionDelayMax: 500
		});
		const snapshots: PublicSnapshot[] = [];
		board.on('snapshot', (s: PublicSnapshot) => snapshots.push(s));
		await until('the board has its snapshot', () => snapshots.length === 1);
		const worker = pidOf(snapshots[0]!.epoch);
		expect(worker).not.toBe(cluster.process.pid);

		const killedAt = Date.now();
		process.kill(worker, 'SIGKILL');
		await until('the board re-synced', () => snapshots.length === 2).catch((e) => {
			console.log(cluster.output());
			throw e;
		});
		expect(Date.now() - killedAt).toBeLessThan(10_000);
		// From another worker (or the one the primary started in its place).
		expect(pidOf(snapshots[1]!.epoch)).not.toBe(worker);
		expect(snapshots[1]!.site.name).toBe(snapshots[0]!.site.name);
		board.disconnect();
	});

	it('hands the clock-driven work to another process within seconds when the leader dies', async () => {
		// The first to start took the lead; no other process did.
		expect(leaders(one)).toEqual([one.process.pid]);
		expect([...leaders(two), ...leaders(cluster)]).toEqual([]);
		await one.kill();
		const took = await until('another process leads', () =>
			Boolean(leaders(two).length + leaders(cluster).length)
		);
		expect(took).toBeLessThan(10_000);
		// Exactly one took it.
		expect([...leaders(two), ...leaders(cluster)]).toHaveLength(1);
	});

	it('refuses WORKERS=2 without DATABASE_URL, plainly', async () => {
		const dataDir = await tempDataDir();
		const refused = startServer({ dataDir, env: { WORKERS: '2' } });
		await expect(refused).rejects.toThrow(/WORKERS=2 needs DATABASE_URL/);
		await removeDir(dataDir);
	});
});
