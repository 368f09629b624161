import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL the tests may use: `npm test` starts a private one (scripts/postgres.js) and
 * passes its superuser URL as TEST_DATABASE_URL. Never DATABASE_URL: that would move every
 * server the other tests start onto one shared database.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';

if (!TEST_DATABASE_URL) {
	if (process.env.CI)
		throw new Error('CI must run the PostgreSQL tests: TEST_DATABASE_URL is not set');
	console.info(
		'PostgreSQL tests skipped: TEST_DATABASE_URL is not set (`npm test` starts a private ' +
			'PostgreSQL; or run `node scripts/postgres.js` and export the URL it prints).'
	);
}

/** A database of a test's own, created empty; drop() removes it, cutting any connection left. */
export interface TestDatabase {
	name: string;
	url: string;
	/** Runs SQL on the test database as the superuser, behind any store's back. */
	query(sql: string, values?: unknown[]): Promise<pg.QueryResult>;
	/**
	 * Creates a login role that is neither a superuser nor BYPASSRLS (trust auth on loopback: no
	 * password), runs `grants` (with the role's name) on this database as the superuser, and
	 * returns a URL that logs in as it. drop() drops the role too. Run the migrations first.
	 */
	ordinaryRole(grants: (role: string) => string): Promise<string>;
	/** Cuts every connection to the database, as a crashed server's would be cut. */
	cutConnections(): Promise<void>;
	drop(): Promise<void>;
}

/** Creates a fresh, empty database on the test PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const name = `foyer_test_${randomBytes(6).toString('hex')}`;
	await admin((c) => c.query(`CREATE DATABASE ${name}`));
	const url = new URL(TEST_DATABASE_URL);
	url.pathname = `/${name}`;
	const roles: string[] = [];
	const query = async (sql: string, values?: unknown[]) => {
		const c = new pg.Client({ connectionString: url.toString() });
		await c.connect();
		try {
			return await c.query(sql, values);
		} finally {
			await c.end();
		}
	};
	return {
		name,
		url: url.toString(),
		query,
		async ordinaryRole(grants) {
			const role = `foyer_rls_${randomBytes(5).toString('hex')}`;
			await admin((c) => c.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS`));
			roles.push(role);
			await query(grants(role));
			const as = new URL(url);
			as.username = role;
			as.password = '';
			return as.toString();
		},
		cutConnections: async () => {
			await admin((c) =>
				c.query(
					'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
					[name]
				)
			);
		},
		drop: async () => {
			await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
			// Its privileges went with the database; a role is the cluster's, so it goes too.
			for (const role of roles.splice(0))
				await admin((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
		}
	};
}

async function admin<T>(use: (c: pg.Client) => Promise<T>): Promise<T> {
	const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
	await c.connect();
	try {
		return await use(c);
	} finally {
		await c.end();
	}
}
