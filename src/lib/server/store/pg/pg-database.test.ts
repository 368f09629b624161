import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../../tests/helpers/postgres';
import { openStore, pingStore } from '../open';
import { PgDatabase } from './pg-database';
import { PgStore } from './pg-store';
import { asOrdinaryRole, named, parseNote, siteOptions as options } from './sites.test-suite';

/** What a server opens for a site at start: a document, a watched record log, a section lock. */
async function openLikeAServer(store: PgStore): Promise<void> {
	await store.doc('site', named);
	(await store.collection('notes', parseNote)).watch(() => {});
	await store.lock('notes').run(async () => {});
}

// One PgDatabase is one process serving many sites; a second one stands for another process.
describe.runIf(TEST_DATABASE_URL)('PgDatabase: one set of connections for every site', () => {
	let db: TestDatabase;
	let url: string;
	const open: { close(): Promise<unknown> }[] = [];
	const database = async () => {
		const d = await PgDatabase.open({ url });
		open.push(d);
		return d;
	};
	/** The connections a process holds: they all carry its name. */
	const connections = async (name: string) =>
		Number(
			(
				await db.query(
					'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
					[name]
				)
			).rows[0].n
		);

	beforeEach(async () => {
		db = await createTestDatabase();
		url = await asOrdinaryRole(db);
	});
	afterEach(async () => {
		await Promise.allSettled(open.splice(0).map((o) => o.close()));
		await db.drop();
	});

	it("two sites of one process never hear each other; each hears its own site's other process", async () => {
		const [here, there] = await Promise.all([database(), database()]);
		const [north, south] = await Promise.all([
			here.site(options('north')),
			here.site(options('south'))
		]);
		const [northThere, southThere] = await Promise.all([
			there.site(options('north')),
			there.site(options('south'))
		]);
		const heard = { north: [] as string[], south: [] as string[] };
		(await north.collection('notes', parseNote)).watch((r) => heard.north.push(r.text));
		(await south.collection('notes', parseNote)).watch((r) => heard.south.push(r.text));
		const southDoc = await south.doc('site', named);
		const northDoc = await north.doc('site', named);

		// Writes of this process: news to neither of its sites (own writes, or another site's).
		await (await north.collection('notes', parseNote)).append({ text: 'north here' });
		await (await south.collection('notes', parseNote)).append({ text: 'south here' });
		// Writes of the other process: each reaches its own site only.
		for (let i = 0; i < 5; i++) {
			await (await northThere.collection('notes', parseNote)).append({ text: `north ${i}` });
			await (await southThere.collection('notes', parseNote)).append({ text: `south ${i}` });
		}
		await (await southThere.doc('site', named)).update((d) => void (d.name = 'South'));

		await expect.poll(() => heard.south.length + heard.north.length).toBe(10);
		await expect.poll(() => southDoc.data.name).toBe('South');
		expect(heard.north).toEqual(['north 0', 'north 1', 'north 2', 'north 3', 'north 4']);
		expect(heard.south).toEqual(['south 0', 'south 1', 'south 2', 'south 3', 'south 4']);
		expect(northDoc.data.name).toBe('');
	});

	it('twenty idle sites hold no more connections than one', async () => {
		const one = await database();
		await openLikeAServer(await one.site(options('site0')));
		const withOne = await connections(one.name);

		const many = await database();
		for (let i = 0; i < 20; i++) await openLikeAServer(await many.site(options(`site${i}`)));
		const withTwenty = await connections(many.name);

		// The same stores, each on connections of its own (PgStore.open), as before PgDatabase.
		const apart: PgStore[] = [];
		for (let i = 0; i < 20; i++) {
			const s = await PgStore.open({ url, ...options(`apart${i}`) });
			open.push(s);
			apart.push(s);
			await openLikeAServer(s);
		}
		const separately = Number(
			(
				await db.query(
					`SELECT count(*)::int AS n FROM pg_stat_activity
					 WHERE application_name LIKE 'foyer %' AND application_name NOT IN ($1, $2)`,
					[one.name, many.name]
				)
			).rows[0].n
		);
		console.info(
			`connections held: 1 site ${withOne}, 20 sites on one PgDatabase ${withTwenty}, ` +
				`20 sites each on its own PgStore.open ${separately}`
		);
		expect(withTwenty).toBe(withOne);
		expect(separately).toBeGreaterThanOrEqual(20 * withOne);
	});

	it("closing a site's store leaves the others open; closing the database closes everything", async () => {
		const shared = await database();
		const [a, b] = await Promise.all([shared.site(options('a')), shared.site(options('b'))]);
		await expect(shared.site(options('a'))).rejects.toThrow(/already open/);
		await a.close();
		const bLog = await b.collection('notes', parseNote);
		await bLog.append({ text: 'still here' });
		expect(shared.state).toBe('open');
		// A closed site may be opened again.
		const a2 = await shared.site(options('a'));
		await (await a2.collection('notes', parseNote)).append({ text: 'a again' });

		await shared.close();
		expect([a2.state, b.state, shared.state]).toEqual(['closed', 'closed', 'closed']);
		await expect.poll(() => connections(shared.name)).toBe(0);
		const check = await PgStore.open({ url, ...options('b') });
		open.push(check);
		expect((await (await check.collection('notes', parseNote)).list()).map((r) => r.text)).toEqual([
			'still here'
		]);
	});

	it("openStore on the process's database gives that site's store, and its close leaves the database open", async () => {
		const shared = await database();
		const opened = { dataDir: '/nonexistent', database: shared, ...options('east') };
		const east = await openStore(opened);
		expect(east).toBeInstanceOf(PgStore);
		expect((east as PgStore).site).toBe('east');
		await pingStore(east);
		await east.close();
		const again = await openStore(opened);
		await pingStore(again);
		expect(shared.state).toBe('open');
	});
});
