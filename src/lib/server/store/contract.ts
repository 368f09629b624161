/**
 * The store contract: what services may ask of storage. Services depend on these interfaces,
 * never on lowdb or files, so another backend (PostgreSQL, for several sites) can sit behind
 * the same contract. The embedded implementation is `Store` in store.ts; the shared test suite
 * that every implementation must pass is contract.test-suite.ts.
 */

/** Every record in a log has an id that names its day, and the instant it was made. */
export interface StoredRecord {
	id: string;
	at: string;
}

/** A small document kept whole (site set-up, staff accounts, devices). */
export interface Doc<T> {
	/** The current content. Change it only through update(). */
	readonly data: T;
	/** Applies `change` to the content and resolves once the result is durable. */
	update(change: (data: T) => void): Promise<void>;
	/** Resolves when no write of this document is in flight. */
	flush(): Promise<void>;
	/**
	 * Reads the document again if another process may have written it since (several processes
	 * on one database); for a lookup that missed, such as a session made a moment ago through
	 * another process. One process (the embedded store): resolves at once.
	 */
	refresh(): Promise<void>;
}

/** How to open a document: its content before the first write, and how to validate it. */
export interface DocOptions<T> {
	defaults: T;
	/** Validates what is read back; throw to reject it (start-up then stops, naming the file). */
	parse: (data: unknown) => T;
}

/** Named small documents. */
export interface DocStore {
	/** Opens (once; later calls get the same document) the document `name`. */
	doc<T>(name: string, options: DocOptions<T>): Promise<Doc<T>>;
}

/**
 * A growing collection of records filed by day in the site's time zone. Records keep the
 * order they were first appended in; an update changes a record in place.
 */
export interface RecordLog<T extends StoredRecord> {
	/** An id for a record made now (it starts with today's date), for when another write must name it first. */
	newId(): string;
	/** Stores a new record made now, with `id` from newId() or a fresh one; resolves once durable. */
	append(fields: Omit<T, 'id' | 'at'>, id?: string): Promise<T>;
	/** The record with this id, or undefined (also for ids that are not record ids). */
	get(id: string): Promise<T | undefined>;
	/**
	 * Replaces one record by `change(record)` (its id and time are kept) and resolves with the
	 * new version once durable; undefined when there is no such record.
	 */
	update(id: string, change: (record: T) => T): Promise<T | undefined>;
	/** Records of the days `from` to `to` (YYYY-MM-DD, inclusive), oldest day first, in append order. */
	list(from?: string, to?: string): Promise<T[]>;
	/** Records of the last `n` days up to and including today. */
	recent(n: number): Promise<T[]>;
	/** Days that hold records, oldest first. */
	days(): string[];
	/** Resolves when no write is in flight. */
	flush(): Promise<void>;
	/**
	 * Calls `seen` with each record another process appended or changed, once this process
	 * knows of it (its latest version; possibly more than once). Services that keep records in
	 * memory use it to stay true to the database. One process (the embedded store): never.
	 */
	watch(seen: (record: T) => void): void;
}

/**
 * A section lock: sections run one at a time across every process of the deployment.
 * Check-then-write rules (the next receipt number, a free room) hold only if no request, here
 * or in another process, interleaves between the check and the write.
 */
export interface SectionLock {
	/**
	 * Runs `section` once no other section of this lock runs anywhere, after this process has
	 * caught up with every write committed by the previous holder (so what the section reads in
	 * memory is current).
	 */
	run<T>(section: () => Promise<T>): Promise<T>;
}

/** One limit's key, for attempts counted across processes. */
export interface AttemptKey {
	/** Which limit (`login.user`, `identify.unit` …): keys of different limits never mix. */
	scope: string;
	key: string;
	max: number;
	windowMs: number;
}

/**
 * Attempts (log-ins, PINs …) counted for every process of the site at once. `reserve` counts one
 * attempt against every key, all or none: `wait` > 0 (milliseconds) when a key is at its limit,
 * and then nothing is counted; else `ids` name the attempts counted, for `takeBack`.
 */
export interface SharedAttempts {
	reserve(keys: AttemptKey[], now: number): Promise<{ wait: number; ids: string[] }>;
	/** Takes attempts back (`clear`: forgets every attempt of that key). */
	takeBack(taken: { scope: string; key: string; id: string; clear: boolean }[]): Promise<void>;
}

/** Named record logs. */
export interface RecordStore {
	/** Opens (once) the record log `name`; `parse` validates every record read back. */
	collection<T extends StoredRecord>(
		name: string,
		parse: (data: unknown) => T
	): Promise<RecordLog<T>>;
}

/** A whole store: documents and record logs, opened once per process and closed on shutdown. */
export interface FoyerStore extends DocStore, RecordStore {
	readonly state: 'open' | 'closed';
	/** The section lock `name` (one per name: every call gets the same lock). */
	lock(name: string): SectionLock;
	/**
	 * Attempts counted across processes (several processes on one database); null when this
	 * process is the only one, and counts in memory.
	 */
	readonly attempts: SharedAttempts | null;
	/** Finishes every write in flight, then releases the store. */
	close(): Promise<void>;
}
