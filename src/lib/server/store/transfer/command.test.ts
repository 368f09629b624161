import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { ManualClock } from '$lib/domain/time';
import { createTestDatabase, TEST_DATABASE_URL } from '../../../../../tests/helpers/postgres';
import { PgDatabase } from '../pg/pg-database';
import { migrateSchema, NotOwnerError, shippedMigrations } from '../pg/schema';
import { parseMigrateArgs, runMigrate } from './command';
import { canonicalJson, Figures } from './figures';
import { compareFigures } from './report';

const URL = 'postgres://foyer:pw@db:5432/foyer';

describe('the migrate command line', () => {
	it('tells the direction from which side is a PostgreSQL URL', () => {
		expect(parseMigrateArgs(['--from', 'data', '--to', URL, '--site', 'north'])).toEqual({
			to: 'database',
			dataDir: 'data',
			databaseUrl: URL,
			site: 'north'
		});
		expect(
			parseMigrateArgs([`--from=${URL}`, '--site=north', '--to=out', '--files-from=d'])
		).toEqual({ to: 'folder', databaseUrl: URL, site: 'north', dataDir: 'out', filesFrom: 'd' });
		expect(parseMigrateArgs(['--to', URL])).toEqual({ to: 'schema', databaseUrl: URL });
	});

	it('refuses unknown flags, a missing site or value, and two folders', () => {
		const fails = (args: string[]) => () => parseMigrateArgs(args);
		expect(fails(['--from', 'a', '--to', URL, '--site', 'x', '--yes'])).toThrow(
			'unknown option --yes'
		);
		expect(fails(['--from', 'a', '--to', URL])).toThrow('--site NAME is missing');
		expect(fails(['--from', 'a', '--to', URL, '--site'])).toThrow('--site needs a value');
		expect(fails(['--from', 'a', '--to', 'b', '--site', 'x'])).toThrow('must be a PostgreSQL URL');
		expect(fails(['--from', 'a', '--to', URL, '--site', 'a b'])).toThrow('is not a site name');
		expect(fails(['--from', URL, '--to', 'b', '--site', 'x', '--files-to', 'f'])).toThrow(
			'--files-to is for a move'
		);
	});
});

describe.runIf(TEST_DATABASE_URL)('the migrate command: the schema only', () => {
	it("an ordinary role cannot migrate; the owner's `--to URL` does, then the role starts", async () => {
		const db = await createTestDatabase();
		const lines: string[] = [];
		const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
		try {
			// A database of the version before row-level security, its tables granted to a role.
			const pool = new pg.Pool({ connectionString: db.url, max: 1 });
			await migrateSchema(pool, shippedMigrations().slice(0, 3)).finally(() => pool.end());
			const role = await db.ordinaryRole(
				(r) => `GRANT SELECT, INSERT, UPDATE, DELETE ON documents, records, attempts TO ${r};
				GRANT SELECT ON schema_migrations TO ${r};
				GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};`
			);
			const error = await PgDatabase.open({ url: role }).then(
				() => null,
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(NotOwnerError);
			expect((error as Error).message).toMatch(
				/migration 004_row_security must be applied by the tables' owner.*npm run migrate -- --to/
			);
			expect(await runMigrate(['--to', db.url], out)).toBe(0);
			expect(lines).toEqual(['Applied schema migrations 4, 5; the schema is up to date.']);
			expect(await runMigrate(['--to', db.url], out)).toBe(0);
			expect(lines.at(-1)).toBe('The schema was already up to date; nothing was changed.');
			await db.query(
				`GRANT SELECT, INSERT, DELETE ON socket_io_attachments TO ${new globalThis.URL(role).username}`
			);
			const started = await PgDatabase.open({ url: role });
			const clock = new ManualClock('2026-01-05T02:00:00Z');
			await (await started.site({ clock, timeZone: () => 'Asia/Shanghai' })).ping();
			await started.close();
		} finally {
			await db.drop();
		}
	});
});

const entry = (o: Record<string, unknown>) => ({
	id: '20261201-a',
	at: '2026-12-01T02:00:00.000Z',
	kind: 'payment',
	day: '2026-12-01',
	unitId: 'u1',
	method: 'cash',
	amountFen: 1000,
	allocations: [{ billId: '20261201-b', amountFen: 1000 }],
	tenderedFen: 1000,
	changeFen: 0,
	receiptYear: 2026,
	receiptSeq: 7,
	cashierId: 's',
	cashierName: 'S',
	intentId: null,
	provider: null,
	providerTxnId: null,
	voidOf: null,
	reason: null,
	ticketId: null,
	receiptToken: null,
	...o
});
const bill = {
	id: '20261201-b',
	at: '2026-12-01T01:00:00.000Z',
	unitId: 'u1',
	period: '2026-12',
	standardId: 'fee',
	name: 'fee',
	kind: 'fixed',
	quantityCenti: 100,
	unitPriceFen: 1500,
	amountFen: 1500,
	dueDate: '2026-12-31',
	runId: 'r'
};

describe('the figures compared after a move', () => {
	it('compares content whatever the key order, and counts money and receipts', () => {
		const a = new Figures();
		const b = new Figures();
		a.record('bills', bill, 'bills');
		b.record('bills', JSON.parse(canonicalJson(bill)), 'bills');
		for (const f of [a, b]) {
			f.record('ledger', entry({}), 'ledger');
			f.document('site', { name: 'x', timeZone: 'Asia/Shanghai' });
		}
		const rows = compareFigures(a.summary(), b.summary());
		expect(rows.every((r) => r.same)).toBe(true);
		expect(rows.find((r) => r.label === 'bills balanceFen')?.source).toBe('¥5.00');
		expect(rows.find((r) => r.label === 'last receipt 2026')?.source).toBe('2026-000007');
	});

	it('finds a record that differs and a void that cancels a payment', () => {
		const a = new Figures();
		const b = new Figures();
		for (const f of [a, b]) f.record('bills', bill, 'bills');
		a.record('ledger', entry({}), 'ledger');
		b.record('ledger', entry({ cashierName: 'T' }), 'ledger');
		b.record(
			'ledger',
			entry({
				id: '20261201-v',
				kind: 'void',
				voidOf: '20261201-a',
				receiptYear: null,
				receiptSeq: null
			}),
			'ledger'
		);
		const rows = compareFigures(a.summary(), b.summary());
		expect(rows.filter((r) => !r.same).map((r) => r.label)).toEqual([
			'records: ledger',
			'ledger void amountFen',
			'bills balanceFen',
			'content of every document and record'
		]);
		expect(rows.find((r) => r.label === 'bills balanceFen')?.target).toBe('¥15.00');
	});

	it('refuses a ledger entry the server could not read', () => {
		expect(() => new Figures().record('ledger', { id: 'x', at: 'y' }, 'ledger 2026-12-01')).toThrow(
			'a ledger entry in ledger 2026-12-01 does not read'
		);
	});
});
