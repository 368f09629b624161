import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../../tests/helpers/postgres';
import type { StoredRecord } from '../contract';
import { PgStore } from './pg-store';

interface Numbered extends StoredRecord {
	n: number;
	by: string;
}
const parseNumbered = (d: unknown) => d as Numbered;
const counter = { defaults: { n: 0, names: [] as string[] }, parse: (d: unknown) => d as never };

/** Resolves once `check` holds, polling the event loop (announcements arrive asynchronously). */
async function until(check: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}

// Two PgStores on one database stand for two server processes: each keeps its own memory.
describe.runIf(TEST_DATABASE_URL)('PgStore: several processes on one database', () => {
	let db: TestDatabase;
	const stores: PgStore[] = [];
	const open = async (site = 'default') => {
		const clock = new ManualClock('2026-01-05T02:00:00Z');
		const s = await PgStore.open({ url: db.url, site, clock, timeZone: () => 'Asia/Shanghai' });
		stores.push(s);
		return s;
	};

	beforeEach(async () => {
		db = await createTestDatabase();
	});
	afterEach(async () => {
		await Promise.allSettled(stores.splice(0).map((s) => s.close()));
		await db.drop();
	});

	it("a process hears of another's records and document writes, and of nothing of another site's", async () => {
		const [a, b, other] = await Promise.all([open(), open(), open('other')]);
		const [logA, logB, logOther] = await Promise.all([
			a.collection('numbers', parseNumbered),
			b.collection('numbers', parseNumbered),
			other.collection('numbers', parseNumbered)
		]);
		const heardByB: Numbered[] = [];
		const heardByOther: Numbered[] = [];
		const heardByA: Numbered[] = [];
		logB.watch((r) => heardByB.push(r));
		logOther.watch((r) => heardByOther.push(r));
		logA.watch((r) => heardByA.push(r));
		const docA = await a.doc('counter', counter);
		const docB = await b.doc('counter', counter);

		const r = await logA.append({ n: 1, by: 'a' });
		await logA.update(r.id, (x) => ({ ...x, n: 2 }));
		await docA.update((d) => void (d.n = 7));

		await until(() => heardByB.at(-1)?.n === 2 && docB.data.n === 7);
		expect(heardByB.every((x) => x.id === r.id)).toBe(true);
		expect(logB.days()).toEqual(['2026-01-05']);
		expect(heardByA).toEqual([]); // its own writes are not news to it
		expect(heardByOther).toEqual([]);
		expect((await other.doc('counter', counter)).data.n).toBe(0);
	});

	it('document updates made at the same moment by two processes are all kept', async () => {
		const [a, b] = await Promise.all([open(), open()]);
		const [docA, docB] = await Promise.all([a.doc('counter', counter), b.doc('counter', counter)]);
		await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				(i % 2 ? docB : docA).update((d) => {
					d.n += 1;
					d.names.push(`u${i}`);
				})
			)
		);
		const fresh = await (await open()).doc('counter', counter);
		expect(fresh.data.n).toBe(40);
		expect(new Set(fresh.data.names).size).toBe(40);
		await until(() => docA.data.n === 40 && docB.data.n === 40);
	});

	it('a section lock lets one process at a time check and write: numbers stay gapless', async () => {
		const [a, b] = await Promise.all([open(), open()]);
		// Each process keeps the highest number in memory, as the ledger does with receipts.
		const make = async (store: PgStore, by: string) => {
			const log = await store.collection('numbers', parseNumbered);
			let last = Math.max(0, ...(await log.list()).map((r) => r.n));
			log.watch((r) => (last = Math.max(last, r.n)));
			const lock = store.lock('numbers');
			return () =>
				lock.run(async () => {
					const n = last + 1;
					await log.append({ n, by });
					last = n;
				});
		};
		const [takeA, takeB] = await Promise.all([make(a, 'a'), make(b, 'b')]);
		await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? takeB : takeA)()));

		const all = await (await open()).collection('numbers', parseNumbered).then((l) => l.list());
		expect(all.map((r) => r.n).sort((x, y) => x - y)).toEqual(
			Array.from({ length: 30 }, (_, i) => i + 1)
		);
		expect(new Set(all.map((r) => r.by))).toEqual(new Set(['a', 'b']));
	});

	it('a process whose listening connection is cut hears again, including what it missed', async () => {
		const [a, b] = await Promise.all([open(), open()]);
		const logA = await a.collection('numbers', parseNumbered);
		const logB = await b.collection('numbers', parseNumbered);
		const heard = new Set<number>();
		logB.watch((r) => heard.add(r.n));
		await db.cutConnections();
		await logA.append({ n: 1, by: 'a' }).catch(async () => logA.append({ n: 1, by: 'a' }));
		await until(() => heard.has(1), 8000);
		await logA.append({ n: 2, by: 'a' });
		await until(() => heard.has(2));
	});

	it('connections cut while statements are under way fail those statements, never the process', async () => {
		const a = await open();
		const log = await a.collection('numbers', parseNumbered);
		const doc = await a.doc('counter', counter);
		const lock = a.lock('numbers');
		// Without a listener, a checked-out connection's "terminated" error is thrown out of the
		// socket's callback: an uncaught exception, which would end a server.
		const uncaught: unknown[] = [];
		const onUncaught = (e: unknown) => uncaught.push(e);
		process.on('uncaughtException', onUncaught);
		try {
			for (let round = 0; round < 5; round++) {
				const busy = Promise.allSettled(
					Array.from({ length: 12 }, (_, i) =>
						i % 3 === 0
							? log.append({ n: i, by: 'a' })
							: i % 3 === 1
								? doc.update((d) => void (d.n += 1))
								: lock.run(() => log.append({ n: -i, by: 'lock' }))
					)
				);
				await db.cutConnections();
				await busy;
			}
			expect(uncaught).toEqual([]);
			// And the store writes on, on new connections.
			const r = await log.append({ n: 99, by: 'a' }).catch(() => log.append({ n: 99, by: 'a' }));
			expect((await log.get(r.id))?.n).toBe(99);
		} finally {
			process.off('uncaughtException', onUncaught);
		}
	});

	it('counts attempts for both processes at once: ten guesses at the same moment, five checked', async () => {
		const [a, b] = await Promise.all([open(), open()]);
		const key = { scope: 'login.user', key: 'manager', max: 5, windowMs: 15 * 60_000 };
		const now = Date.parse('2026-01-05T02:00:00Z');
		const tries = await Promise.all(
			Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).attempts.reserve([key], now))
		);
		expect(tries.filter((t) => t.wait === 0)).toHaveLength(5);
		for (const t of tries.filter((x) => x.wait > 0)) expect(t.wait).toBe(15 * 60_000);
		// A right password forgets the account's failures, for both.
		await a.attempts.takeBack([{ scope: 'login.user', key: 'manager', id: '0', clear: true }]);
		expect((await b.attempts.reserve([key], now)).wait).toBe(0);
		// Out of the window, attempts no longer count; another scope never did.
		const later = now + 15 * 60_000;
		for (let i = 0; i < 4; i++) await a.attempts.reserve([key], now);
		expect((await b.attempts.reserve([key], now)).wait).toBeGreaterThan(0);
		expect((await b.attempts.reserve([key], later)).wait).toBe(0);
		expect((await b.attempts.reserve([{ ...key, scope: 'identify.unit' }], now)).wait).toBe(0);
		const stored = await db.query('SELECT key_hash FROM attempts');
		expect(JSON.stringify(stored.rows)).not.toContain('manager');
	});
});
