import type { Clock } from '$lib/domain/time';
import type { DocOptions, FoyerStore, SectionLock, StoredRecord } from '../contract';
import { openOnce } from '../once';
import { siteQuery } from './bound';
import { PgAttempts } from './pg-attempts';
import { PgChanges } from './pg-changes';
import { PgConnections, type PgConnectionOptions } from './pg-connections';
import { PgDoc } from './pg-doc';
import { PgSectionLock } from './pg-lock';
import { PgRecordLog } from './pg-record-log';

/** Which site a store serves, and how it files records. */
export interface PgSiteOptions {
	/** The site whose rows this store reads and writes ("default" when none is named). */
	site?: string | undefined;
	clock: Clock;
	/** The site's time zone now: records are filed under their day there. */
	timeZone: () => string;
}

/** A store on a database of its own: where it lives, and which site it serves. */
export type PgStoreOptions = PgConnectionOptions & PgSiteOptions;

/** The site a store uses when none is named. */
export const DEFAULT_SITE = 'default';

/**
 * The PostgreSQL store of one site: documents in `documents`, record logs in `records` (see the
 * migrations and docs/store.md), every row tagged with the store's site, and every statement in
 * a transaction bound to it (row-level security, migration 004). Several stores — of this site in
 * other processes, of other sites in this one — may share one database: each learns of the
 * others' writes (PgChanges), document writes merge (PgDoc), and section locks are the
 * database's (PgSectionLock). The stores of one process share its connections (PgDatabase).
 */
export class PgStore implements FoyerStore {
	readonly site: string;
	readonly #o: PgSiteOptions;
	readonly #db: PgConnections;
	/** Whether closing this store closes the connections too (PgStore.open made them for it). */
	readonly #ownsDb: boolean;
	readonly #docs = new Map<string, Promise<PgDoc<unknown>>>();
	readonly #logs = new Map<string, Promise<PgRecordLog<StoredRecord>>>();
	/** The same, once open: where other processes' writes are handed. */
	readonly #openDocs = new Map<string, PgDoc<unknown>>();
	readonly #openLogs = new Map<string, PgRecordLog<StoredRecord>>();
	readonly #locks = new Map<string, PgSectionLock>();
	readonly #changes: PgChanges;
	/** Attempt limits counted for every process of the site. */
	readonly attempts: PgAttempts;
	#release: () => void = () => {};
	#unsubscribe: () => void = () => {};
	#closing: Promise<void> | null = null;

	private constructor(db: PgConnections, o: PgSiteOptions, ownsDb: boolean) {
		this.#o = o;
		this.site = o.site || DEFAULT_SITE;
		this.#db = db;
		this.#ownsDb = ownsDb;
		this.attempts = new PgAttempts(db.pool, this.site);
		this.#changes = new PgChanges({
			pool: db.pool,
			site: this.site,
			writer: db.writer,
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

	/**
	 * Connects, migrates the schema (refusing a newer one) and resolves with the open store, on
	 * connections of its own that close with it. A process serving several sites opens one
	 * PgDatabase instead and asks it for each site's store.
	 */
	static async open(o: PgStoreOptions): Promise<PgStore> {
		const db = await PgConnections.open(o);
		try {
			return await PgStore.on(db, o, true);
		} catch (e) {
			await db.close();
			throw e;
		}
	}

	/** The store of one site on connections already open (PgDatabase.site). */
	static async on(db: PgConnections, o: PgSiteOptions, ownsDb = false): Promise<PgStore> {
		const store = new PgStore(db, o, ownsDb);
		store.#release = db.claim(store.site, () => store.close());
		try {
			await store.#changes.start();
		} catch (e) {
			store.#release();
			throw e;
		}
		store.#unsubscribe = db.listener.subscribe(store.site, store.#changes);
		return store;
	}

	get state(): 'open' | 'closed' {
		return this.#closing ? 'closed' : 'open';
	}

	/** Resolves when the database answers a `SELECT 1` (readiness probes, docs/operations.md). */
	async ping(): Promise<void> {
		if (this.#closing) throw new Error('closed');
		await siteQuery(this.#db.pool, this.site, 'SELECT 1');
	}

	/** Opens (once) the document `name`, validated by `parse`, starting from `defaults`. */
	doc<T>(name: string, options: DocOptions<T>): Promise<PgDoc<T>> {
		const open = async () => {
			const doc = await PgDoc.open(this.#db.pool, this.site, name, options);
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
			lock = new PgSectionLock(this.#db.lockPool, this.site, `${this.site}/${name}`, () =>
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
				pool: this.#db.pool,
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

	/**
	 * Finishes every write in flight and stops hearing the site's announcements; then closes
	 * the connections if they were this store's own (PgStore.open), not a PgDatabase's.
	 */
	close(): Promise<void> {
		this.#closing ??= this.#close();
		return this.#closing;
	}

	async #close(): Promise<void> {
		const settled = (p: Promise<unknown>[]) => Promise.allSettled(p);
		await settled([...this.#docs.values()].map(async (d) => (await d).flush()));
		await settled([...this.#logs.values()].map(async (l) => (await l).flush()));
		this.#unsubscribe();
		await this.#changes.close();
		this.#release();
		if (this.#ownsDb && !this.#db.closed) await this.#db.close();
	}
}
