import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../tests/helpers/postgres';
import { alwaysLeader, clockWorkKey, Leader, LeaderSession, whileLeading } from './leader';

/** Waits for a condition, polling; fails after `ms`. */
async function until(what: string, ok: () => boolean, ms = 8000): Promise<void> {
	const start = Date.now();
	while (!ok()) {
		if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('the embedded edition', () => {
	it('always leads: work registered runs at once, and stops on close', async () => {
		const log: string[] = [];
		const stop = whileLeading(alwaysLeader(), () => {
			log.push('start');
			return () => void log.push('stop');
		});
		expect(log).toEqual(['start']);
		await stop();
		expect(log).toEqual(['start', 'stop']);
	});
});

describe.runIf(TEST_DATABASE_URL)('leader election through the database', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await createTestDatabase();
	});
	afterAll(async () => {
		await db?.drop();
	});
	const start = (lines: string[]) =>
		Leader.start({ databaseUrl: db.url, log: (l) => lines.push(l), retryMs: 200 });

	it('lets one process lead; the next takes over when it closes, or when its connection breaks', async () => {
		const lines: string[] = [];
		const a = await start(lines);
		const b = await start(lines);
		expect([a.isLeader, b.isLeader]).toEqual([true, false]);
		const work: string[] = [];
		const stopB = whileLeading(b, () => {
			work.push('b leads');
			return () => void work.push('b stops');
		});

		await a.close();
		await until('b leads', () => b.isLeader);
		expect(work).toEqual(['b leads']);

		// The database cuts b's sessions (a crash, a failover): b stops leading at once and,
		// reconnected, takes the lock again since nobody else holds it.
		const c = await start(lines);
		await db.cutConnections();
		await until('b stopped', () => work.includes('b stops'));
		await until('someone leads again', () => b.isLeader || c.isLeader);
		expect(b.isLeader && c.isLeader).toBe(false);
		expect(lines.filter((l) => l.includes('now runs')).length).toBeGreaterThanOrEqual(3);
		await stopB();
		await Promise.all([b.close(), c.close()]);
	});

	it(
		"holds every site's lead of a process on one session, and frees each site's alone",
		{ timeout: 20_000 },
		async () => {
			const sessions = [new LeaderSession(db.url), new LeaderSession(db.url)];
			const lines: string[] = [];
			const leader = (session: LeaderSession, site: string) =>
				Leader.start({ session, key: clockWorkKey(site), log: (l) => lines.push(l), retryMs: 200 });
			const [north1, south1] = [
				await leader(sessions[0]!, 'north'),
				await leader(sessions[0]!, 'south')
			];
			const [north2, south2] = [
				await leader(sessions[1]!, 'north'),
				await leader(sessions[1]!, 'south')
			];
			expect([north1.isLeader, south1.isLeader, north2.isLeader, south2.isLeader]).toEqual([
				true,
				true,
				false,
				false
			]);
			const { rows } = await db.query(
				`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'foyer-leader'`
			);
			expect(rows[0].n).toBe(2);

			// North's site closes on the first process: only north moves to the second.
			await north1.close();
			await until('north moved', () => north2.isLeader);
			expect(south1.isLeader).toBe(true);
			expect(south2.isLeader).toBe(false);

			// The first process's session breaks: its lead of south ends at once, and south is led
			// again by one process — the second, or the first once reconnected — never by both.
			let southLost = false;
			south1.on('follow', () => (southLost = true));
			const session = await sessions[0]!.client();
			const { pid } = (await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
				.rows[0]!;
			await db.query('SELECT pg_terminate_backend($1)', [pid]);
			await until('south lost on the broken session', () => southLost);
			await until('south led again', () => south1.isLeader || south2.isLeader);
			expect(south1.isLeader && south2.isLeader).toBe(false);
			for (const l of [south1, north2, south2]) await l.close();
			for (const s of sessions) await s.end();
		}
	);
});
