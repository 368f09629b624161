import type { Clock } from '$lib/domain/time';
import type { Doc, RecordLog, StoredRecord } from './contract';
import type { PgDatabase } from './pg/pg-database';
import { PgStore } from './pg/pg-store';
import { Store } from './store';

/** Told of every store write once it is durable or failed: `op`, and how long it took (s). */
export type WriteObserver = (op: 'doc' | 'append' | 'update', seconds: number) => void;

/**
 * Opens the store a server runs on: PostgreSQL when `database` (a PgDatabase the process opened
 * once for all its sites) or `databaseUrl` (DATABASE_URL: connections of the store's own) is
 * given — the company deployment — and otherwise the embedded store in `dataDir`, the lobby PC's
 * default. `observe` times every write (the write-latency metric), for either backend. A store
 * from `database` closes without closing the database.
 */
export async function openStore(o: {
	dataDir: string;
	databaseUrl?: string | undefined;
	/** The process's open database, shared by every site it serves (wins over `databaseUrl`). */
	database?: PgDatabase | undefined;
	/** SITE: which site's rows a PostgreSQL store uses (`default`); the embedded store has one site. */
	site?: string | undefined;
	clock: Clock;
	timeZone: () => string;
	observe?: WriteObserver;
}): Promise<Store | PgStore> {
	const store = o.database
		? await o.database.site({ site: o.site || undefined, clock: o.clock, timeZone: o.timeZone })
		: o.databaseUrl
			? await PgStore.open({
					url: o.databaseUrl,
					site: o.site || undefined,
					clock: o.clock,
					timeZone: o.timeZone
				})
			: await Store.open({ dir: o.dataDir, clock: o.clock, timeZone: o.timeZone });
	if (o.observe) observeWrites(store, o.observe);
	return store;
}

/** Whether the store answers now: PostgreSQL is asked `SELECT 1`; the data folder is open. */
export async function pingStore(store: Store | PgStore): Promise<void> {
	if (store instanceof PgStore) return store.ping();
	if (store.state !== 'open') throw new Error('closed');
}

/**
 * Wraps the write methods of the documents and record logs the store hands out, in place (the
 * store stays what it is: callers test `instanceof Store`). Each is opened once and cached, so
 * each is wrapped once.
 */
function observeWrites(store: Store | PgStore, observe: WriteObserver): void {
	const wrapped = new WeakSet<object>();
	const time = async <R>(op: Parameters<WriteObserver>[0], work: () => Promise<R>) => {
		const t0 = performance.now();
		try {
			return await work();
		} finally {
			observe(op, (performance.now() - t0) / 1000);
		}
	};
	const doc = store.doc.bind(store);
	const collection = store.collection.bind(store);
	store.doc = (async (name: string, options: never) => {
		const d = (await doc(name, options)) as Doc<unknown>;
		if (!wrapped.has(d)) {
			wrapped.add(d);
			const update = d.update.bind(d);
			d.update = (change) => time('doc', () => update(change));
		}
		return d;
	}) as typeof store.doc;
	store.collection = (async (name: string, parse: never) => {
		const log = (await collection(name, parse)) as RecordLog<StoredRecord>;
		if (!wrapped.has(log)) {
			wrapped.add(log);
			const append = log.append.bind(log);
			const update = log.update.bind(log);
			log.append = (fields, id) => time('append', () => append(fields, id));
			log.update = (id, change) => time('update', () => update(id, change));
		}
		return log;
	}) as typeof store.collection;
}
