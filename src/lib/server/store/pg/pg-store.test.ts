import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../../tests/helpers/postgres';
import type { StoredRecord } from '../contract';
import { PgStore } from './pg-store';

interface Count extends StoredRecord {
	by: string;
	n: number;
}
const parseCount = (d: unknown) => d as Count;

// What PostgreSQL adds to the contract: several stores (processes, later) on one database.
describe.runIf(TEST_DATABASE_URL)('PgStore: two stores on one database', () => {
	let db: TestDatabase;
	const stores: PgStore[] = [];
	const open = async () => {
		const clock = new ManualClock('2026-01-05T02:00:00Z');
		const s = await PgStore.open({ url: db.url, clock, timeZone: () => 'Asia/Shanghai' });
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

	it('appending at the same moment, both keep every record, each in its own order', async () => {
		const [a, b] = await Promise.all([open(), open()]);
		const [logA, logB] = await Promise.all([
			a.collection('counts', parseCount),
			b.collection('counts', parseCount)
		]);
		const made = await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				(i % 2 ? logB : logA).append({ by: i % 2 ? 'b' : 'a', n: i })
			)
		);

		const listed = await (await (await open()).collection('counts', parseCount)).list();
		expect(listed).toHaveLength(100);
		expect(new Set(listed.map((r) => r.id))).toEqual(new Set(made.map((r) => r.id)));
		for (const by of ['a', 'b']) {
			const ns = listed.filter((r) => r.by === by).map((r) => r.n);
			expect(ns).toEqual([...ns].sort((x, y) => x - y));
		}
	});

	it('updating one record at the same moment from both, no update is lost', async () => {
		const [a, b] = await Promise.all([open(), open()]);
		const logA = await a.collection('counts', parseCount);
		const logB = await b.collection('counts', parseCount);
		const r = await logA.append({ by: 'a', n: 0 });
		await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				(i % 2 ? logB : logA).update(r.id, (x) => ({ ...x, n: x.n + 1 }))
			)
		);
		expect((await logA.get(r.id))?.n).toBe(40);
	});

	it('a store opened later knows every day that holds records, oldest first', async () => {
		const clock = new ManualClock('2026-01-05T02:00:00Z');
		const at = () =>
			PgStore.open({ url: db.url, clock, timeZone: () => 'Asia/Shanghai' }).then((s) => {
				stores.push(s);
				return s;
			});
		const log = await (await at()).collection('counts', parseCount);
		for (const day of ['2026-01-05T02:00:00Z', '2026-02-01T02:00:00Z', '2026-01-07T02:00:00Z']) {
			clock.set(day);
			await log.append({ by: 'a', n: 1 });
			await log.append({ by: 'a', n: 2 });
		}
		const later = await (await at()).collection('counts', parseCount);
		expect(later.days()).toEqual(['2026-01-05', '2026-01-07', '2026-02-01']);
		expect((await (await at()).collection('other', parseCount)).days()).toEqual([]);
	});

	it("a store reads and writes its own site's rows only", async () => {
		const clock = new ManualClock('2026-01-05T02:00:00Z');
		const at = (site: string) =>
			PgStore.open({ url: db.url, site, clock, timeZone: () => 'Asia/Shanghai' }).then((s) => {
				stores.push(s);
				return s;
			});
		const [north, south] = await Promise.all([at('north'), at('south')]);
		const options = { defaults: { name: '' }, parse: (d: unknown) => d as { name: string } };
		await (await north.doc('site', options)).update((d) => void (d.name = 'North'));
		const kept = await (await north.collection('counts', parseCount)).append({ by: 'n', n: 1 });

		expect((await south.doc('site', options)).data.name).toBe('');
		const southLog = await south.collection('counts', parseCount);
		expect(await southLog.list()).toEqual([]);
		expect(await southLog.get(kept.id)).toBeUndefined();
		expect(southLog.days()).toEqual([]);
		const rows = await db.query('SELECT site_id FROM records');
		expect(rows.rows).toEqual([{ site_id: 'north' }]);
	});
});

describe.runIf(TEST_DATABASE_URL)('PgStore: opening', () => {
	const clock = new ManualClock('2026-01-05T02:00:00Z');
	const open = (url: string) => PgStore.open({ url, clock, timeZone: () => 'Asia/Shanghai' });

	it('a database that is not there is named plainly, without the password', async () => {
		const url = new URL(TEST_DATABASE_URL);
		url.password = 'secret-pw';
		url.pathname = '/foyer_no_such_database';
		const error = await open(url.toString()).then(
			() => null,
			(e: unknown) => e as Error
		);
		expect(error?.message).toMatch(
			/^Foyer cannot open PostgreSQL \(foyer at [^)]+\/foyer_no_such_database\)/
		);
		expect(error?.message).not.toContain('secret-pw');
	});
});
