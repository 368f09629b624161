import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Clock } from '$lib/domain/time';
import type { DocOptions, FoyerStore, SectionLock, StoredRecord } from '../contract';
import { openOnce } from '../once';
import { PgAttempts } from './pg-attempts';
import { PgChanges } from './pg-changes';
import { PgDoc } from './pg-doc';
import { PgSectionLock } from './pg-lock';
import { PgRecordLog } from './pg-record-log';
import { migrateSchema, shippedMigrations, type Migration } from './schema';
import { operational } from '../../ops/operational';

/** Where the PostgreSQL store lives and what it files records by. */
export interface PgStoreOptions {
	/** A PostgreSQL connection string (DATABASE_URL). */
	url: string;
	/** The site whose rows this store reads and writes ("default" until sites are configured). */
	site?: string;
	clock: Clock;
	/** The site's time zone now: records are filed under their day there. */
	timeZone: () => string;
	/** Connections in the pool (10). */
	connections?: number;
	/** The schema steps to apply (tests); by default the shipped `migrations/*.sql`. */
	migrations?: Migration[];
}

/**
 * A plain message for a database that cannot be reached or refuses the login, naming the host
 * and database but never the password; null for any other error.
 */
function unreachable(url: string, e: unknown): Error | null {
	const code = (e as { code?: string })?.code ?? '';
	// Socket errors, and PostgreSQL's classes 08 (connection) and 28 (authorization), 3D000 (no database).
	if (!/^(E[A-Z]+|08...|28...|3D000)$/.test(code)) return null;
	let where = 'the database in DATABASE_URL';
	try {
		const u = new URL(url);
		where = `${u.username || 'the default user'} at ${u.host}${u.pathname}`;
	} catch {
		/* not a URL: pg will have said so itself */
	}
	return new Error(
		`Foyer cannot open PostgreSQL (${where}): ${(e as Error).message}. Check DATABASE_URL ` +
			`and that the database server is running and accepts this user.`,
		{ cause: e }
	);
}

/** The site a store uses when none is named. */
export const DEFAULT_SITE = 'default';

/**
 * The PostgreSQL store: documents in `documents`, record logs in `records` (see the migrations
 * and docs/store.md), every row tagged with the store's site. Opening it brings the schema up to
 * date first (schema.ts). Several stores — in this process or others — may open one database:
 * each learns of the others' writes (PgChanges), document writes merge (PgDoc), and section
 * locks are the database's (PgSectionLock).
 */
export class PgStore implements FoyerStore {
	readonly site: string;
	readonly #o: PgStoreOptions;
	readonly #pool: pg.Pool;
	/** Connections that hold section locks, apart from the writes' pool (a section writes). */
	readonly #lockPool: pg.Pool;
	readonly #docs = new Map<string, Promise<PgDoc<unknown>>>();
	readonly #logs = new Map<string, Promise<PgRecordLog<StoredRecord>>>();
	/** The same, once open: where other processes' writes are handed. */
	readonly #openDocs = new Map<string, PgDoc<unknown>>();
	readonly #openLogs = new Map<string, PgRecordLog<StoredRecord>>();
	readonly #locks = new Map<string, PgSectionLock>();
	readonly #changes: PgChanges;
	/** Attempt limits counted for every process of the site. */
	readonly attempts: PgAttempts;
	#closed = false;

	private constructor(o: PgStoreOptions, pool: pg.Pool, writer: string) {
		this.#o = o;
		this.site = o.site ?? DEFAULT_SITE;
		this.#pool = pool;
		this.#lockPool = new pg.Pool({ connectionString: o.url, max: 20, application_name: writer });
		this.#lockPool.on('error', () => {});
		this.attempts = new PgAttempts(pool, this.site);
		this.#changes = new PgChanges({
			pool,
			url: o.url,
			site: this.site,
			writer,
			targets: {
				watched: () => ({
					records: [...this.#openLogs].filter(([, l]) => l.watched).map(([n]) => n),
					documents: [...this.#openDocs.keys()]
				}),
				record: (collection, day, data) => this.#openLogs.get(collection)?.foreign(day, data),
				document: (name, data, version) => this.#openDocs.get(name)?.foreign(data, version)
			}
		});
	}

	/** Connects, migrates the schema (refusing a newer one) and resolves with the open store. */
	static async open(o: PgStoreOptions): Promise<PgStore> {
		// Every row written names its writer (migration 002): this store's own name, so that
		// it can tell its own writes from other processes' among the announcements.
		const writer = `foyer ${randomBytes(6).toString('hex')}`;
		const pool = new pg.Pool({
			connectionString: o.url,
			max: o.connections ?? 10,
			application_name: writer
		});
		let store: PgStore | null = null;
		// An idle connection that breaks (the server restarted, a proxy cut it) is dropped by the
		// pool; without a listener its error would end the process. (pool.end() resolves before
		// its sockets are gone, so one may still break after close: that is no news.)
		pool.on('error', (e) => {
			if (store?.state !== 'closed') {
				operational('error', `Foyer: a PostgreSQL connection broke: ${e.message}`);
			}
		});
		try {
			await migrateSchema(pool, o.migrations ?? shippedMigrations()).catch((e: unknown) => {
				throw unreachable(o.url, e) ?? e;
			});
		} catch (e) {
			await pool.end();
			throw e;
		}
		store = new PgStore(o, pool, writer);
		try {
			await store.#changes.start();
		} catch (e) {
			await store.close();
			throw unreachable(o.url, e) ?? e;
		}
		return store;
	}

	get state(): 'open' | 'closed' {
		return this.#closed ? 'closed' : 'open';
	}

	/** Resolves when the database answers a `SELECT 1` (readiness probes, docs/operations.md). */
	async ping(): Promise<void> {
		if (this.#closed) throw new Error('closed');
		await this.#pool.query('SELECT 1');
	}

	/** Opens (once) the document `name`, validated by `parse`, starting from `defaults`. */
	doc<T>(name: string, options: DocOptions<T>): Promise<PgDoc<T>> {
		const open = async () => {
			const doc = await PgDoc.open(this.#pool, this.site, name, options);
			this.#openDocs.set(name, doc as PgDoc<unknown>);
			return doc as PgDoc<unknown>;
		};
		return openOnce(this.#docs, name, open) as Promise<PgDoc<T>>;
	}

	/**
	 * The section lock `name`: a transaction-scoped advisory lock in the database, so sections
	 * run one at a time across every process on this site; see PgSectionLock.
	 */
	lock(name: string): SectionLock {
		let lock = this.#locks.get(name);
		if (!lock) {
			lock = new PgSectionLock(this.#lockPool, `${this.site}/${name}`, () =>
				this.#changes.catchUp(name)
			);
			this.#locks.set(name, lock);
		}
		return lock;
	}

	/** Opens (once) the record log `name`; `parse` validates every record read back. */
	collection<T extends StoredRecord>(
		name: string,
		parse: (d: unknown) => T
	): Promise<PgRecordLog<T>> {
		const open = async () => {
			const log = await PgRecordLog.open<T>({
				pool: this.#pool,
				site: this.site,
				collection: name,
				clock: this.#o.clock,
				timeZone: this.#o.timeZone,
				parse
			});
			this.#openLogs.set(name, log as unknown as PgRecordLog<StoredRecord>);
			return log as unknown as PgRecordLog<StoredRecord>;
		};
		return openOnce(this.#logs, name, open) as unknown as Promise<PgRecordLog<T>>;
	}

	/**
	 * Foyer's backups are copies of the embedded data folder; a database is backed up by the
	 * database's own means. Called by the backup service, this says so instead of copying nothing.
	 */
	snapshot(): Promise<never> {
		return Promise.reject(
			new Error(
				'This Foyer keeps its data in PostgreSQL: back it up with pg_dump or the database ' +
					"service's point-in-time recovery. Foyer's own backups copy the embedded data folder only."
			)
		);
	}

	/** Finishes every write in flight, then closes the connections. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		const settled = (p: Promise<unknown>[]) => Promise.allSettled(p);
		await settled([...this.#docs.values()].map(async (d) => (await d).flush()));
		await settled([...this.#logs.values()].map(async (l) => (await l).flush()));
		await this.#changes.close();
		await this.#lockPool.end();
		await this.#pool.end();
	}
}
