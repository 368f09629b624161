import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { dayKey, type Clock } from '$lib/domain/time';
import { DurableJSONFile } from './durable-file';

/** Every partitioned record has an id that names its day, and the instant it was made. */
export interface StoredRecord {
	id: string;
	at: string;
}

interface PartitionFile<T> {
	day: string;
	records: T[];
}

interface Partition<T> {
	db: Low<PartitionFile<T>>;
	adapter: DurableJSONFile<PartitionFile<T>>;
	byId: Map<string, T>;
}

export interface PartitionedOptions<T> {
	dir: string;
	clock: Clock;
	timeZone: () => string;
	/** Validates one record read from disk. */
	parse: (data: unknown) => T;
	/** How many day files stay in memory. */
	cacheDays?: number;
}

/** A day's file, or only its last good copy when a crash fell between a write's two renames. */
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json(\.prev)?$/;

/**
 * A collection split into one file per day (in the site's time zone), so writing today's
 * record rewrites only today's file, never history. A record's id starts with its day
 * (`20261126-…`), so finding it never needs an index of all records; start-up only lists the
 * folder. Old days are read on demand and a handful are cached.
 */
export class PartitionedCollection<T extends StoredRecord> {
	readonly #o: Required<PartitionedOptions<T>>;
	readonly #days = new Set<string>();
	readonly #cache = new Map<string, Partition<T>>();

	private constructor(options: PartitionedOptions<T>) {
		this.#o = { cacheDays: 8, ...options };
	}

	static async open<T extends StoredRecord>(
		options: PartitionedOptions<T>
	): Promise<PartitionedCollection<T>> {
		const c = new PartitionedCollection(options);
		await mkdir(options.dir, { recursive: true });
		for (const name of await readdir(options.dir)) {
			const m = DAY_FILE.exec(name);
			if (m?.[1]) c.#days.add(m[1]);
		}
		return c;
	}

	/** Days that hold records, oldest first. */
	days(): string[] {
		return [...this.#days].sort();
	}

	/** An id for a record made now, for when another write must name it before it is stored. */
	newId(): string {
		const day = dayKey(this.#o.clock.now(), this.#o.timeZone());
		return `${day.replaceAll('-', '')}-${randomBytes(6).toString('base64url')}`;
	}

	/** Makes a new record for now (with `id` from newId(), or a fresh one), stores it durably and returns it. */
	async append(fields: Omit<T, 'id' | 'at'>, id: string = this.newId()): Promise<T> {
		const day = dayOfId(id);
		if (!day) throw new Error(`not a record id: ${id}`);
		const record = { ...fields, id, at: this.#o.clock.now().toISOString() } as T;
		const p = await this.#partition(day, true);
		p.db.data.records.push(record);
		p.byId.set(id, record);
		this.#days.add(day);
		try {
			await p.db.write();
		} catch (e) {
			// Not acknowledged, so not kept: otherwise the next write of this day would store a
			// record its caller was told had failed (a receipt number handed out twice).
			const i = p.db.data.records.indexOf(record);
			if (i >= 0) p.db.data.records.splice(i, 1);
			p.byId.delete(id);
			throw e;
		}
		return record;
	}

	/** The record with this id, or undefined. */
	async get(id: string): Promise<T | undefined> {
		const day = dayOfId(id);
		if (!day || !this.#days.has(day)) return undefined;
		return (await this.#partition(day, false))?.byId.get(id);
	}

	/** Changes one record in place and stores its day durably. Returns the new record. */
	async update(id: string, change: (r: T) => T): Promise<T | undefined> {
		const day = dayOfId(id);
		if (!day || !this.#days.has(day)) return undefined;
		const p = await this.#partition(day, false);
		const old = p?.byId.get(id);
		if (!p || !old) return undefined;
		const next = { ...change(old), id: old.id, at: old.at };
		const i = p.db.data.records.indexOf(old);
		p.db.data.records[i] = next;
		p.byId.set(id, next);
		try {
			await p.db.write();
		} catch (e) {
			// Put the old record back, unless a later change replaced it meanwhile.
			const j = p.db.data.records.indexOf(next);
			if (j >= 0) p.db.data.records[j] = old;
			if (p.byId.get(id) === next) p.byId.set(id, old);
			throw e;
		}
		return next;
	}

	/** Records of the days from `from` to `to` (YYYY-MM-DD, inclusive), oldest first. */
	async list(from = '0000-00-00', to = '9999-99-99'): Promise<T[]> {
		const out: T[] = [];
		for (const day of this.days()) {
			if (day < from || day > to) continue;
			const p = await this.#partition(day, false);
			if (p) out.push(...p.db.data.records);
		}
		return out;
	}

	/** Records of the last `n` days up to today. */
	async recent(n: number): Promise<T[]> {
		const now = this.#o.clock.now();
		const tz = this.#o.timeZone();
		return this.list(dayKey(new Date(now.getTime() - (n - 1) * 86_400_000), tz), dayKey(now, tz));
	}

	/** Waits for every write in flight. */
	async flush(): Promise<void> {
		await Promise.all([...this.#cache.values()].map((p) => p.adapter.flush()));
	}

	async #partition(day: string, create: true): Promise<Partition<T>>;
	async #partition(day: string, create: false): Promise<Partition<T> | undefined>;
	async #partition(day: string, create: boolean): Promise<Partition<T> | undefined> {
		const cached = this.#cache.get(day);
		if (cached) {
			// Most recently used last.
			this.#cache.delete(day);
			this.#cache.set(day, cached);
			return cached;
		}
		if (!create && !this.#days.has(day)) return undefined;
		const parse = this.#o.parse;
		const adapter = new DurableJSONFile<PartitionFile<T>>(join(this.#o.dir, `${day}.json`), {
			parse: (data) => {
				const f = data as PartitionFile<unknown>;
				if (f?.day !== day || !Array.isArray(f.records)) throw new Error('not a day file');
				return { day, records: f.records.map(parse) };
			}
		});
		const db = new Low<PartitionFile<T>>(adapter, { day, records: [] });
		await db.read();
		// A second caller may have loaded it while we read.
		const raced = this.#cache.get(day);
		if (raced) return raced;
		const p: Partition<T> = { db, adapter, byId: new Map(db.data.records.map((r) => [r.id, r])) };
		this.#cache.set(day, p);
		this.#evict(day);
		return p;
	}

	/** Drops the least recently used days beyond the cache size, but never `keep` (its caller
	 * is about to write to it) nor a day with a write in flight (a re-read would miss it). */
	#evict(keep: string): void {
		for (const [day, p] of this.#cache) {
			if (this.#cache.size <= this.#o.cacheDays) return;
			if (day !== keep && p.adapter.idle) this.#cache.delete(day);
		}
	}
}

function dayOfId(id: string): string | undefined {
	const m = /^(\d{4})(\d{2})(\d{2})-/.exec(id);
	return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
