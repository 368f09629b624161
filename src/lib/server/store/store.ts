import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { DEFAULT_TIME_ZONE, type Clock } from '$lib/domain/time';
import { DurableJSONFile } from './durable-file';
import { acquireLock } from './lock';
import { PartitionedCollection, type StoredRecord } from './partitioned';

/** A small document kept whole in one file (site set-up, staff accounts, devices). */
export class Doc<T> {
	constructor(
		private readonly db: Low<T>,
		private readonly adapter: DurableJSONFile<T>
	) {}

	get data(): T {
		return this.db.data;
	}

	/** Applies a change and resolves once it is durably on disk. */
	async update(change: (data: T) => void): Promise<void> {
		change(this.db.data);
		await this.db.write();
	}

	flush(): Promise<void> {
		return this.adapter.flush();
	}
}

export interface StoreOptions {
	dir: string;
	clock: Clock;
}

/**
 * The embedded store: one data folder, one writer. Small documents live in `<name>.json`;
 * growing collections in `<name>/<day>.json` (see PartitionedCollection).
 */
export class Store {
	readonly dir: string;
	readonly clock: Clock;
	/** The site's time zone, used to file records under their day. */
	timeZone = DEFAULT_TIME_ZONE;
	#release: () => Promise<void>;
	#docs = new Map<string, Doc<unknown>>();
	#collections = new Map<string, PartitionedCollection<StoredRecord>>();
	#closed = false;

	private constructor(dir: string, clock: Clock, release: () => Promise<void>) {
		this.dir = dir;
		this.clock = clock;
		this.#release = release;
	}

	/** Opens a data folder, taking its single-writer lock. Throws StoreLockedError when it is held. */
	static async open(options: StoreOptions): Promise<Store> {
		const dir = resolve(options.dir);
		await mkdir(dir, { recursive: true });
		const release = await acquireLock(dir);
		return new Store(dir, options.clock, release);
	}

	get state(): 'open' | 'closed' {
		return this.#closed ? 'closed' : 'open';
	}

	/** Opens (once) the document `name`, validated by `parse`, starting from `defaults`. */
	async doc<T>(name: string, options: { defaults: T; parse: (d: unknown) => T }): Promise<Doc<T>> {
		const known = this.#docs.get(name);
		if (known) return known as Doc<T>;
		const adapter = new DurableJSONFile<T>(join(this.dir, `${name}.json`), {
			parse: options.parse
		});
		const db = new Low<T>(adapter, options.defaults);
		await db.read();
		const doc = new Doc(db, adapter);
		this.#docs.set(name, doc as Doc<unknown>);
		return doc;
	}

	/** Opens (once) the day-partitioned collection `name`. */
	async collection<T extends StoredRecord>(
		name: string,
		parse: (d: unknown) => T
	): Promise<PartitionedCollection<T>> {
		const known = this.#collections.get(name);
		if (known) return known as unknown as PartitionedCollection<T>;
		const c = await PartitionedCollection.open<T>({
			dir: join(this.dir, name),
			clock: this.clock,
			timeZone: () => this.timeZone,
			parse
		});
		this.#collections.set(name, c as unknown as PartitionedCollection<StoredRecord>);
		return c;
	}

	/** Finishes every write in flight, then releases the data folder. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await Promise.all([
			...[...this.#docs.values()].map((d) => d.flush()),
			...[...this.#collections.values()].map((c) => c.flush())
		]);
		await this.#release();
	}
}
