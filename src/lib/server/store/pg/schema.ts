import type { Pool } from 'pg';

/** One step of the schema: `migrations/NNN_name.sql`, applied once, in version order. */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/**
 * The advisory lock every Foyer takes, inside the migration transaction, before it looks at the
 * schema: two processes starting together then apply each migration once, one after the other.
 * A fixed, arbitrary 64-bit key ("foyer" + "schema" in ASCII would not fit; this is just ours).
 */
const SCHEMA_LOCK = 0x466f796572_01n;

const FILE = /(?:^|\/)(\d+)_([\w-]+)\.sql$/;

/** The migrations shipped with this Foyer, from `migrations/*.sql` (bundled as text). */
export function shippedMigrations(): Migration[] {
	const files = import.meta.glob<string>('./migrations/*.sql', {
		query: '?raw',
		import: 'default',
		eager: true
	});
	return migrationsFrom(files);
}

/** Migrations from file names and their SQL, ordered by version; two of one version are an error. */
export function migrationsFrom(files: Record<string, string>): Migration[] {
	const list = Object.entries(files).map(([path, sql]) => {
		const m = FILE.exec(path);
		if (!m) throw new Error(`not a migration file name: ${path} (want NNN_name.sql)`);
		return { version: Number(m[1]), name: m[2]!, sql };
	});
	list.sort((a, b) => a.version - b.version);
	list.forEach((m, i) => {
		if (i > 0 && list[i - 1]!.version === m.version) {
			throw new Error(`two migrations have version ${m.version}`);
		}
	});
	return list;
}

/** The database's schema is newer than this Foyer: it must not be read or written by it. */
export class SchemaTooNewError extends Error {
	constructor(
		readonly found: number[],
		readonly known: number
	) {
		super(
			`Foyer cannot use this database: its schema has version${found.length > 1 ? 's' : ''} ` +
				`${found.join(', ')}, which this Foyer does not know (it knows up to ${known}). ` +
				`A newer Foyer wrote it; running an older one on it could misread or damage the ` +
				`data, so nothing was changed. Start the newer Foyer, or restore a database backup ` +
				`taken before the upgrade.`
		);
		this.name = 'SchemaTooNewError';
	}
}

/**
 * A migration is due and this role may not apply it: the tables' owner runs migrations (an
 * ordinary role, which Foyer should run as, may only read and write rows).
 */
export class NotOwnerError extends Error {
	constructor(migration: Migration, cause: unknown) {
		super(
			`Foyer cannot bring the database's schema up to date: migration ` +
				`${String(migration.version).padStart(3, '0')}_${migration.name} must be applied by the ` +
				`tables' owner, and this role may not (${(cause as Error).message}). Nothing was changed. ` +
				`Run \`npm run migrate -- --to <the owner's DATABASE_URL>\` once, then start Foyer again ` +
				`(docs/store.md, "The database role").`,
			{ cause }
		);
		this.name = 'NotOwnerError';
	}
}

/**
 * Brings the database's schema up to `migrations`: in one transaction, under the advisory lock,
 * reads `schema_migrations`, refuses a database that holds a version this code does not know
 * (SchemaTooNewError), and applies the missing ones in order, recording each. A failure rolls
 * everything back, so a database is never left half-migrated. Resolves with the versions it
 * applied (none when the database was up to date, or another process did it first).
 */
export async function migrateSchema(pool: Pool, migrations: Migration[]): Promise<number[]> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK.toString()]);
		// Created only when missing: an ordinary role (docs/store.md, "The database role") may not
		// create tables, and PostgreSQL checks that before it sees the table is there.
		const { rows: table } = await client.query<{ t: string | null }>(
			`SELECT to_regclass('schema_migrations')::text AS t`
		);
		if (!table[0]?.t) {
			await client.query(
				`CREATE TABLE schema_migrations (
					version integer PRIMARY KEY,
					name text NOT NULL,
					applied_at timestamptz NOT NULL DEFAULT now()
				)`
			);
		}
		const { rows } = await client.query<{ version: number }>(
			'SELECT version FROM schema_migrations ORDER BY version'
		);
		const applied = new Set(rows.map((r) => r.version));
		const known = new Set(migrations.map((m) => m.version));
		const unknown = [...applied].filter((v) => !known.has(v));
		if (unknown.length > 0) {
			throw new SchemaTooNewError(unknown, Math.max(0, ...known));
		}
		const done: number[] = [];
		for (const m of migrations) {
			if (applied.has(m.version)) continue;
			await client.query(m.sql).catch((e: unknown) => {
				throw (e as { code?: string }).code === '42501' ? new NotOwnerError(m, e) : e;
			});
			await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
				m.version,
				m.name
			]);
			done.push(m.version);
		}
		await client.query('COMMIT');
		return done;
	} catch (e) {
		await client.query('ROLLBACK').catch(() => {});
		throw e;
	} finally {
		client.release();
	}
}
