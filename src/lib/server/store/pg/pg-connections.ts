import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { operational } from '../../ops/operational';
import { lastRev } from './pg-changes';
import { PgListener } from './pg-listener';
import { ordinaryRoleGrants } from './role';
import { migrateSchema, shippedMigrations, type Migration } from './schema';

/** How to reach the database, and how many connections a process may hold on it. */
export interface PgConnectionOptions {
	/** A PostgreSQL connection string (DATABASE_URL). */
	url: string;
	/** Connections in the pool every site's reads and writes share (10). */
	connections?: number;
	/** Connections that may hold section locks at once, for every site together (20). */
	lockConnections?: number;
	/** The schema steps to apply (tests); by default the shipped `migrations/*.sql`. */
	migrations?: Migration[];
	/**
	 * Warn of a role that bypasses row-level security (true): servers do; the migrate tool,
	 * which an operator runs as the owner or an admin on purpose, does not.
	 */
	warnOfBypass?: boolean;
}

/**
 * A plain message for a database that cannot be reached or refuses the login, naming the host
 * and database but never the password; null for any other error.
 */
export function unreachable(url: string, e: unknown): Error | null {
	const code = (e as { code?: string })?.code ?? '';
	// Socket errors, and PostgreSQL's classes 08 (connection) and 28 (authorization), 3D000 (no database).
	if (!/^(E[A-Z]+|08...|28...|3D000)$/.test(code)) return null;
	return new Error(
		`Foyer cannot open PostgreSQL (${whereIs(url)}): ${(e as Error).message}. Check DATABASE_URL ` +
			`and that the database server is running and accepts this user.`,
		{ cause: e }
	);
}

/** "user at host:port/database", never the password. */
function whereIs(url: string): string {
	try {
		const u = new URL(url);
		return `${u.username || 'the default user'} at ${u.host}${u.pathname}`;
	} catch {
		return 'the database in DATABASE_URL';
	}
}

/** Roles already warned about in this process (tests and multi-site servers open many). */
const warned = new Set<string>();

/**
 * Row-level security (migration 004) does not hold a superuser or a BYPASSRLS role back: then
 * only Foyer's own `WHERE site_id = …` keeps the sites apart. Say so once, with the way out.
 */
async function warnIfBypassing(pool: pg.Pool, url: string): Promise<void> {
	const { rows } = await pool.query<{ rolsuper: boolean; rolbypassrls: boolean; role: string }>(
		`SELECT rolname AS role, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`
	);
	const me = rows[0];
	const key = `${me?.role}@${whereIs(url).replace(/\/.*$/, '')}`;
	if (!me || !(me.rolsuper || me.rolbypassrls) || warned.has(key)) return;
	warned.add(key);
	operational(
		'warn',
		`Foyer: the PostgreSQL role "${me.role}" is ${me.rolsuper ? 'a superuser' : 'allowed to bypass row-level security'}, ` +
			`so the database does not keep the sites apart: only Foyer's own queries do. Run Foyer as an ordinary ` +
			`role — as the tables' owner: CREATE ROLE foyer_app LOGIN PASSWORD '…'; ` +
			`${ordinaryRoleGrants('foyer_app').replace(/\n/g, ' ')} — and give its URL as DATABASE_URL ` +
			`(docs/store.md, "The database role").`
	);
}

/**
 * The connections one process holds on the database, shared by every site it serves: the pool
 * of reads and writes (each transaction bound to its site, migration 004), the pool that holds
 * section locks, and one listening connection (PgListener). Opening applies the migrations,
 * once. Every connection carries the process's name (`foyer <random>`, its `application_name`),
 * which the trigger of migration 002 stamps on every row written as its writer.
 */
export class PgConnections {
	readonly writer = `foyer ${randomBytes(6).toString('hex')}`;
	readonly pool: pg.Pool;
	/** Connections that hold section locks, apart from the writes' pool (a section writes). */
	readonly lockPool: pg.Pool;
	readonly listener: PgListener;
	/** The sites open on these connections, and how to close each. */
	readonly #sites = new Map<string, () => Promise<void>>();
	#closing: Promise<void> | null = null;

	private constructor(readonly o: PgConnectionOptions) {
		const options = { connectionString: o.url, application_name: this.writer };
		// Pipelined: a statement's binding, the statement and its COMMIT go out in one round trip
		// (siteQuery). The lock pool's transactions wait on the lock: nothing to pipeline there.
		this.pool = new pg.Pool({ ...options, max: o.connections ?? 10, pipeline: true });
		this.lockPool = new pg.Pool({ ...options, max: o.lockConnections ?? 20 });
		// An idle connection that breaks (the server restarted, a proxy cut it) is dropped by the
		// pool; without a listener its error would end the process. (pool.end() resolves before
		// its sockets are gone, so one may still break after close: that is no news.)
		this.pool.on('error', (e) => {
			if (!this.#closing)
				operational('error', `Foyer: a PostgreSQL connection broke: ${e.message}`);
		});
		this.lockPool.on('error', () => {});
		// A connection that breaks while lent out (a statement under way, a section's lock held)
		// has no pool listener: its error would be thrown out of the socket's callback and end the
		// process. Its statements fail on their own, and the pool drops it when it comes back.
		for (const pool of [this.pool, this.lockPool])
			pool.on('connect', (client) => client.on('error', () => {}));
		this.listener = new PgListener({
			url: o.url,
			name: this.writer,
			lastRev: () => lastRev(this.pool)
		});
	}

	/** Connects, migrates the schema (refusing a newer one), warns of a role that bypasses RLS, listens. */
	static async open(o: PgConnectionOptions): Promise<PgConnections> {
		const c = new PgConnections(o);
		try {
			await migrateSchema(c.pool, o.migrations ?? shippedMigrations());
			if (o.warnOfBypass !== false) await warnIfBypassing(c.pool, o.url);
			await c.listener.start();
		} catch (e) {
			await c.close();
			throw unreachable(o.url, e) ?? e;
		}
		return c;
	}

	get closed(): boolean {
		return this.#closing !== null;
	}

	/**
	 * Notes that `site` is open here until the returned function is called; `close` closes it
	 * when these connections close first. A site opens once per process: its store's name is the
	 * process's, so a second store of it would take the first one's writes for its own.
	 */
	claim(site: string, close: () => Promise<void>): () => void {
		if (this.#closing) throw new Error('the PostgreSQL connections are closed');
		if (this.#sites.has(site)) throw new Error(`site "${site}" is already open on this database`);
		this.#sites.set(site, close);
		return () => {
			if (this.#sites.get(site) === close) this.#sites.delete(site);
		};
	}

	/** Closes every site still open (their writes finish first), then every connection. */
	close(): Promise<void> {
		this.#closing ??= (async () => {
			await Promise.allSettled([...this.#sites.values()].map((close) => close()));
			await this.listener.close();
			await this.lockPool.end();
			await this.pool.end();
		})();
		return this.#closing;
	}
}
