import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Clock } from '$lib/domain/time';
import type { DocOptions, FoyerStore, SectionLock, StoredRecord } from './contract';
import { Mutex } from '../mutex';
import { JsonDoc } from './doc';
import { WriteGate } from './gate';
import { acquireLock } from './lock';
import { openOnce } from './once';
import { dropSnapshot, linkSnapshot, type SnapshotFile } from './snapshot';
import { EmbeddedRecordLog } from './record-log';

export type { Doc, DocOptions, FoyerStore, RecordLog, StoredRecord } from './contract';
export type { SnapshotFile } from './snapshot';

/** A consistent copy of the data folder at one instant, readable until it is released. */
export interface Snapshot {
	/** Where the snapshot's files are (hard links; read each only up to its `size`). */
	folder: string;
	files: SnapshotFile[];
	/** Removes the links. */
	release(): void;
}

/** Where the embedded store lives and what it files records by. */
export interface StoreOptions {
	dir: string;
	clock: Clock;
	/**
	 * The site's time zone now: records are filed under their day there. A function, because
	 * the site can change its zone while Foyer runs; the store reads it whenever it needs a day.
	 */
	timeZone: () => string;
}

/**
 * The embedded store: one data folder, one writer (see lock.ts). Small documents live in
 * `<name>.json` (JsonDoc); record logs in `<name>/<YYYY-MM-DD>.log` (EmbeddedRecordLog).
 */
export class Store implements FoyerStore {
	/** The data folder. Only the embedded store has one; services must not depend on it. */
	readonly dir: string;
	readonly #options: StoreOptions;
	readonly #release: () => Promise<void>;
	readonly #docs = new Map<string, Promise<JsonDoc<unknown>>>();
	readonly #logs = new Map<string, Promise<EmbeddedRecordLog<StoredRecord>>>();
	readonly #gate = new WriteGate();
	readonly #locks = new Map<string, Mutex>();
	#snapshotting = false;
	#closed = false;

	private constructor(dir: string, options: StoreOptions, release: () => Promise<void>) {
		this.dir = dir;
		this.#options = options;
		this.#release = release;
	}

	/** Opens a data folder, taking its single-writer lock. Throws StoreLockedError when it is held. */
	static async open(options: StoreOptions): Promise<Store> {
		const dir = resolve(options.dir);
		await mkdir(dir, { recursive: true });
		const release = await acquireLock(dir);
		// Links left by a backup that was cut off (their files are in the folder itself).
		dropSnapshot(dir);
		return new Store(dir, options, release);
	}

	/** One process owns the folder: attempts are counted in its memory. */
	readonly attempts = null;

	/** One process owns the folder, so a section lock is a mutex in this process. */
	lock(name: string): SectionLock {
		let lock = this.#locks.get(name);
		if (!lock) this.#locks.set(name, (lock = new Mutex()));
		return lock;
	}

	get state(): 'open' | 'closed' {
		return this.#closed ? 'closed' : 'open';
	}

	/** Opens (once) the document `name`, validated by `parse`, starting from `defaults`. */
	doc<T>(name: string, options: DocOptions<T>): Promise<JsonDoc<T>> {
		return openOnce(
			this.#docs,
			name,
			() =>
				JsonDoc.open(join(this.dir, `${name}.json`), options, this.#gate) as Promise<
					JsonDoc<unknown>
				>
		) as Promise<JsonDoc<T>>;
	}

	/** Opens (once) the record log `name`; `parse` validates every record read back. */
	collection<T extends StoredRecord>(
		name: string,
		parse: (d: unknown) => T
	): Promise<EmbeddedRecordLog<T>> {
		const open = () =>
			EmbeddedRecordLog.open<T>({
				dir: join(this.dir, name),
				clock: this.#options.clock,
				timeZone: this.#options.timeZone,
				parse
			}) as unknown as Promise<EmbeddedRecordLog<StoredRecord>>;
		return openOnce(this.#logs, name, open) as unknown as Promise<EmbeddedRecordLog<T>>;
	}

	/**
	 * Takes a consistent snapshot of the whole data folder while Foyer runs: document writes are
	 * held off until none is in flight, then every file is hard-linked with its length in one
	 * synchronous step (day-log appends run synchronously too, so none is half-seen). Every
	 * write acknowledged before this was called is in it. One snapshot at a time.
	 */
	async snapshot(): Promise<Snapshot> {
		if (this.#snapshotting)
			throw new Error('A snapshot of this data folder is already being taken.');
		this.#snapshotting = true;
		try {
			const { folder, files } = await this.#gate.hold(() => linkSnapshot(this.dir));
			let released = false;
			return {
				folder,
				files,
				release: () => {
					if (released) return;
					released = true;
					dropSnapshot(this.dir);
					this.#snapshotting = false;
				}
			};
		} catch (e) {
			dropSnapshot(this.dir);
			this.#snapshotting = false;
			throw e;
		}
	}

	/** Finishes every write in flight, closes the day logs, then releases the data folder. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		const settled = (p: Promise<unknown>[]) => Promise.allSettled(p);
		await settled([...this.#docs.values()].map(async (d) => (await d).flush()));
		await settled([...this.#logs.values()].map(async (l) => (await l).close()));
		await this.#release();
	}
}
