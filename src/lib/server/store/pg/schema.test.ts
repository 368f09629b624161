import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../../tests/helpers/postgres';
import { migrateSchema, migrationsFrom, SchemaTooNewError, shippedMigrations } from './schema';

describe('migrationsFrom', () => {
	it('orders migrations by version and refuses names it cannot read or two of one version', () => {
		const list = migrationsFrom({ './m/002_b.sql': 'B', './m/001_a.sql': 'A' });
		expect(list.map((m) => [m.version, m.name])).toEqual([
			[1, 'a'],
			[2, 'b']
		]);
		expect(() => migrationsFrom({ './m/init.sql': '' })).toThrow(/not a migration file name/);
		expect(() => migrationsFrom({ './m/1_a.sql': '', './m/001_b.sql': '' })).toThrow(/two/);
	});

	it('ships 001_init first', () => {
		expect(shippedMigrations()[0]).toMatchObject({ version: 1, name: 'init' });
	});
});

describe.runIf(TEST_DATABASE_URL)('migrateSchema on PostgreSQL', () => {
	let db: TestDatabase;
	const pools: pg.Pool[] = [];
	const pool = () => {
		const p = new pg.Pool({ connectionString: db.url, max: 2 });
		// pool.end() resolves before its clients have closed, and the drop that follows cuts
		// them (57P01): expected here, not an error of the test (seen with files in parallel).
		p.on('error', () => {});
		pools.push(p);
		return p;
	};
	// Each step creates a table (which fails if run twice) and counts itself.
	const steps = migrationsFrom({
		'001_count.sql': 'CREATE TABLE ran (version int); INSERT INTO ran VALUES (1);',
		'002_more.sql': 'CREATE TABLE more (x int); INSERT INTO ran VALUES (2);'
	});

	beforeEach(async () => {
		db = await createTestDatabase();
	});
	afterEach(async () => {
		await Promise.allSettled(pools.splice(0).map((p) => p.end()));
		await db.drop();
	});

	it('five processes starting at once apply each migration once, in order', async () => {
		const applied = await Promise.all(
			Array.from({ length: 5 }, () => migrateSchema(pool(), steps))
		);
		expect(applied.flat().sort()).toEqual([1, 2]);
		expect((await db.query('SELECT version FROM ran')).rows).toEqual([
			{ version: 1 },
			{ version: 2 }
		]);
		expect((await db.query('SELECT version, name FROM schema_migrations ORDER BY 1')).rows).toEqual(
			[
				{ version: 1, name: 'count' },
				{ version: 2, name: 'more' }
			]
		);
	});

	it('an older database is brought forward; a failing step leaves it as it was', async () => {
		expect(await migrateSchema(pool(), steps.slice(0, 1))).toEqual([1]);
		const broken = [...steps, { version: 3, name: 'broken', sql: 'CREATE TABLE more (x int)' }];
		await expect(migrateSchema(pool(), broken)).rejects.toThrow(/already exists/);
		expect((await db.query('SELECT max(version) AS v FROM schema_migrations')).rows).toEqual([
			{ v: 1 }
		]);
		expect(await migrateSchema(pool(), steps)).toEqual([2]);
	});

	it('a database newer than this code is refused, and nothing is changed', async () => {
		await migrateSchema(pool(), steps);
		const error = await migrateSchema(pool(), steps.slice(0, 1)).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(SchemaTooNewError);
		expect((error as Error).message).toMatch(
			/version 2, which this Foyer does not know \(it knows up to 1\)/
		);
		expect((await db.query('SELECT count(*)::int AS n FROM ran')).rows).toEqual([{ n: 2 }]);
	});
});
