import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../../tests/helpers/postgres';
import { setOperationalSink } from '../../ops/operational';
import { bindSql } from './bound';
import { PgDatabase } from './pg-database';
import type { PgStore } from './pg-store';
import { ordinaryRoleGrants } from './role';
import { asOrdinaryRole, clock, named, parseNote, siteOptions } from './sites.test-suite';

const site = (db: PgDatabase, name: string) => db.site(siteOptions(name));

/** The error a statement ends with (null when it succeeds). */
const failure = (p: Promise<unknown>) =>
	p.then(
		() => null,
		(e: unknown) => e as { code?: string; message: string }
	);

// Every check here runs as an ordinary role (no superuser, no BYPASSRLS), the way the docs tell
// operators to run Foyer: a superuser would pass the policies and prove nothing.
describe.runIf(TEST_DATABASE_URL)('PostgreSQL row-level security, as an ordinary role', () => {
	let db: TestDatabase;
	let roleUrl: string;
	const open: { close(): Promise<unknown> }[] = [];
	const client = async () => {
		const c = new pg.Client({ connectionString: roleUrl });
		await c.connect();
		open.push({ close: () => c.end() });
		return c;
	};
	const database = async (url = roleUrl) => {
		const d = await PgDatabase.open({ url });
		open.push(d);
		return d;
	};

	beforeEach(async () => {
		db = await createTestDatabase();
		roleUrl = await asOrdinaryRole(db);
	});
	afterEach(async () => {
		await Promise.allSettled(open.splice(0).map((o) => o.close()));
		await db.drop();
	});

	it("one site's store cannot read or overwrite another site's rows", async () => {
		const shared = await database();
		const [north, south] = await Promise.all([site(shared, 'north'), site(shared, 'south')]);
		await (await south.doc('site', named)).update((d) => void (d.name = 'South'));
		const southLog = await south.collection('notes', parseNote);
		const kept = await southLog.append({ text: 'south only' });
		await south.attempts.reserve(
			[{ scope: 'login.user', key: 'x', max: 1, windowMs: 60_000 }],
			clock.now().getTime()
		);

		expect((await north.doc('site', named)).data.name).toBe('');
		const northLog = await north.collection('notes', parseNote);
		expect(await northLog.get(kept.id)).toBeUndefined();
		expect(await northLog.list()).toEqual([]);
		expect(northLog.days()).toEqual([]);
		expect(await northLog.update(kept.id, (r) => ({ ...r, text: 'taken' }))).toBeUndefined();
		// An id of the other site's is free here: a row of north's own, not an overwrite.
		await northLog.append({ text: 'north' }, kept.id);
		await (await north.doc('site', named)).update((d) => void (d.name = 'North'));
		// The same attempt key counts for north from zero.
		const tried = await north.attempts.reserve(
			[{ scope: 'login.user', key: 'x', max: 1, windowMs: 60_000 }],
			clock.now().getTime()
		);
		expect(tried.wait).toBe(0);

		const again = await site(await database(), 'south');
		expect((await again.doc('site', named)).data.name).toBe('South');
		expect(await (await again.collection('notes', parseNote)).get(kept.id)).toMatchObject({
			text: 'south only'
		});
	});

	it('a connection bound to a site counts its rows only; unbound it sees none and writes none', async () => {
		const shared = await database();
		const stores: PgStore[] = await Promise.all([site(shared, 'a'), site(shared, 'b')]);
		for (const [i, s] of stores.entries()) {
			const log = await s.collection('notes', parseNote);
			for (let n = 0; n <= i * 2; n++) await log.append({ text: `${s.site}${n}` });
			await (await s.doc('site', named)).update((d) => void (d.name = s.site));
		}
		const c = await client();
		const count = async (table: string) =>
			Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

		await c.query(bindSql('a'));
		expect(await count('records')).toBe(1);
		expect(await count('documents')).toBe(1);
		await c.query('COMMIT');
		await c.query(bindSql('b'));
		expect(await count('records')).toBe(3);
		await c.query('COMMIT');
		// The binding was the transaction's: the same connection, after it, sees nothing.
		expect(await count('records')).toBe(0);
		expect(await count('documents')).toBe(0);
		expect(await count('attempts')).toBe(0);

		const insert = (siteId: string) =>
			c.query(
				`INSERT INTO records (site_id, collection, id, day, data)
				 VALUES ($1, 'notes', '20260105-zz', '2026-01-05', '{}')`,
				[siteId]
			);
		expect((await failure(insert('b')))?.message).toMatch(/row-level security/);
		await c.query(bindSql('a'));
		expect((await failure(insert('b')))?.message).toMatch(/row-level security/);
		await c.query('ROLLBACK');
		await c.query(bindSql('a'));
		// Moving a's row to b is refused too (the new row fails the check).
		expect((await failure(c.query(`UPDATE records SET site_id = 'b'`)))?.message).toMatch(
			/row-level security/
		);
		await c.query('ROLLBACK');
		await c.query(bindSql('a'));
		expect((await c.query(`UPDATE records SET data = '{}' WHERE site_id = 'b'`)).rowCount).toBe(0);
		expect((await c.query(`DELETE FROM documents WHERE site_id = 'b'`)).rowCount).toBe(0);
		await c.query('COMMIT');
		expect((await db.query(`SELECT count(*)::int AS n FROM records`)).rows[0].n).toBe(4);
	});

	it("hears another process's writes of its site under the policies (the NOTIFY trigger)", async () => {
		// Two databases stand for two processes; announcements (the NOTIFY trigger) still flow.
		const [one, two] = await Promise.all([database(), database()]);
		const [a1, a2] = await Promise.all([site(one, 'a'), site(two, 'a')]);
		const heard: string[] = [];
		(await a2.collection('notes', parseNote)).watch((r) => heard.push(r.text));
		const doc2 = await a2.doc('site', named);
		await (await a1.collection('notes', parseNote)).append({ text: 'from one' });
		await (await a1.doc('site', named)).update((d) => void (d.name = 'A'));
		await expect.poll(() => heard.join() + doc2.data.name).toBe('from oneA');
	});

	it('warns once of a role that bypasses row-level security, never of an ordinary one', async () => {
		const lines: string[] = [];
		const undo = setOperationalSink((_, message) => lines.push(message));
		try {
			await database();
			expect(lines).toEqual([]);
			const bypassing = await db.ordinaryRole(
				(role) => `ALTER ROLE ${role} BYPASSRLS; ${ordinaryRoleGrants(role)}`
			);
			await database(bypassing);
			await database(bypassing);
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/allowed to bypass row-level security/);
			expect(lines[0]).toMatch(/only Foyer's own queries/);
			expect(lines[0]).toContain('CREATE ROLE foyer_app LOGIN');
		} finally {
			undo();
		}
	});
});
