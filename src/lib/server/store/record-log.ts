import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dayKey, type Clock } from '$lib/domain/time';
import type { RecordLog, StoredRecord } from './contract';
import { DayLog } from './day-log';
import { isOldDayFile, migrateDayFiles } from './migrate';
import { operational } from '../ops/operational';

/** Where a record log lives and how its records are filed and checked. */
export interface RecordLogOptions<T> {
	dir: string;
	clock: Clock;
	/** The site's time zone now (it can change while Foyer runs). */
	timeZone: () => string;
	/** Validates one record read from disk. */
	parse: (data: unknown) => T;
	/** How many days stay in memory. */
	cacheDays?: number;
}

const DAY_LOG = /^(\d{4}-\d{2}-\d{2})\.log$/;

/**
 * The embedded RecordLog: one append-only log file per day in the site's time zone
 * (`<dir>/<YYYY-MM-DD>.log`, see DayLog), so a write appends one line to today's file and
 * never touches history. A record's id starts with its day (`20261126-…`), so finding it
 * needs no index of all records: start-up only lists the folder. Days are read on demand and
 * a handful stay cached; a closed day that holds superseded versions is compacted when read.
 */
export class EmbeddedRecordLog<T extends StoredRecord> implements RecordLog<T> {
	readonly #o: Required<RecordLogOptions<T>>;
	readonly #days = new Set<string>();
	/** Most recently used last. */
	readonly #cache = new Map<string, DayLog<T>>();
	readonly #loading = new Map<string, Promise<DayLog<T>>>();
	/** Days whose failed write could not be undone: no more writes until a restart. */
	readonly #broken = new Set<string>();

	private constructor(options: RecordLogOptions<T>) {
		this.#o = { cacheDays: 8, ...options };
	}

	/** Opens the log in `dir`, first migrating day files of the old format if there are any. */
	static async open<T extends StoredRecord>(
		options: RecordLogOptions<T>
	): Promise<EmbeddedRecordLog<T>> {
		const c = new EmbeddedRecordLog(options);
		await mkdir(options.dir, { recursive: true });
		let names = await readdir(options.dir);
		if (names.some(isOldDayFile)) {
			await migrateDayFiles({ dir: options.dir, names, parse: options.parse });
			names = await readdir(options.dir);
		}
		for (const name of names) {
			const m = DAY_LOG.exec(name);
			if (m?.[1]) c.#days.add(m[1]);
		}
		return c;
	}

	days(): string[] {
		return [...this.#days].sort();
	}

	newId(): string {
		return newRecordId(this.#o.clock, this.#o.timeZone());
	}

	async append(fields: Omit<T, 'id' | 'at'>, id: string = this.newId()): Promise<T> {
		const day = dayOfId(id);
		if (!day) throw new Error(`not a record id: ${id}`);
		const record = { ...fields, id, at: this.#o.clock.now().toISOString() } as T;
		await this.#use(day, true, (log) => {
			if (log.get(id)) throw new Error(`a record with id ${id} already exists`);
			return log.put(record);
		});
		// Only now: a day whose first write failed has no file and must not be listed.
		this.#days.add(day);
		return record;
	}

	async get(id: string): Promise<T | undefined> {
		const day = dayOfId(id);
		if (!day || !this.#days.has(day)) return undefined;
		return this.#use(day, false, (log) => log.get(id));
	}

	async update(id: string, change: (r: T) => T): Promise<T | undefined> {
		const day = dayOfId(id);
		if (!day || !this.#days.has(day)) return undefined;
		return this.#use(day, false, async (log) => {
			const old = log.get(id);
			if (!old) return undefined;
			const next = { ...change(old), id: old.id, at: old.at };
			await log.put(next);
			return next;
		});
	}

	async list(from = '0000-00-00', to = '9999-99-99'): Promise<T[]> {
		const out: T[] = [];
		for (const day of this.days()) {
			if (day < from || day > to) continue;
			for (const r of (await this.#use(day, false, (log) => log.records())) ?? []) out.push(r);
		}
		return out;
	}

	async recent(n: number): Promise<T[]> {
		return this.list(...recentDays(this.#o.clock, this.#o.timeZone(), n));
	}

	/** One process writes the folder: there is never another's record to see. */
	watch(): void {}

	async flush(): Promise<void> {
		await Promise.all([...this.#cache.values()].map((log) => log.flush()));
	}

	/**
	 * Rewrites a closed day (before today) to one line per record, if it holds superseded
	 * versions. Reading a closed day does this anyway; this is for doing it at a chosen time.
	 * Resolves true when the file was rewritten.
	 */
	async compact(day: string): Promise<boolean> {
		if (day >= this.#today() || !this.#days.has(day) || this.#broken.has(day)) return false;
		for (let cached = this.#cache.get(day); cached; cached = this.#cache.get(day)) {
			if (cached.superseded === 0) return false;
			await cached.flush();
			// Only an idle day can be dropped: a queued write must land in the file it was made for.
			if (this.#cache.get(day) === cached && cached.idle) {
				this.#cache.delete(day);
				await cached.close();
			}
		}
		return (await this.#load(day)).compacted;
	}

	/** Finishes writes in flight and closes every open file. */
	async close(): Promise<void> {
		const logs = [...this.#cache.values()];
		this.#cache.clear();
		await Promise.all(logs.map((log) => log.close()));
	}

	#today(): string {
		return dayKey(this.#o.clock.now(), this.#o.timeZone());
	}

	/**
	 * Runs `use` on the day's live log, loading it first if needed; undefined when the day has
	 * no records and `create` is false. `use` runs synchronously right after the check that the
	 * log is still the cached, healthy one, so a change never lands in a log that was just
	 * evicted or failed (the next load from disk would not see it).
	 */
	async #use<R>(day: string, create: boolean, use: (log: DayLog<T>) => R): Promise<R | undefined> {
		for (;;) {
			if (this.#broken.has(day)) {
				throw new Error(`the store could not undo a failed write to ${day}; restart Foyer`);
			}
			let log = this.#cache.get(day);
			if (log) {
				this.#cache.delete(day);
				this.#cache.set(day, log);
			} else {
				if (!create && !this.#days.has(day)) return undefined;
				log = await this.#load(day);
			}
			if (log.state !== 'ok') {
				// A failed write is being undone: wait for that, or a re-read could see its bytes.
				await log.flush();
				if (log.state === 'broken') this.#broken.add(day);
				// Its memory may hold changes that were never written: read the day again.
				else if (this.#cache.get(day) === log) this.#cache.delete(day);
			} else if (this.#cache.get(day) === log) return use(log);
		}
	}

	/** The day's cached log, or the one being loaded, or a new load (never two for one file). */
	#load(day: string): Promise<DayLog<T>> {
		const cached = this.#cache.get(day);
		if (cached) return Promise.resolve(cached);
		let loading = this.#loading.get(day);
		if (!loading) {
			loading = DayLog.load({
				file: join(this.#o.dir, `${day}.log`),
				day,
				parse: this.#o.parse,
				compact: day < this.#today()
			})
				.then((log) => {
					this.#cache.set(day, log);
					this.#evict(day);
					return log;
				})
				.finally(() => this.#loading.delete(day));
			this.#loading.set(day, loading);
		}
		return loading;
	}

	/** Drops the least recently used days beyond the cache size, but never `keep` (its caller
	 * is about to use it) nor a day with a write in flight (it must finish in its own file). */
	#evict(keep: string): void {
		for (const [day, log] of this.#cache) {
			if (this.#cache.size <= this.#o.cacheDays) return;
			if (day === keep || !log.idle) continue;
			this.#cache.delete(day);
			log.close().catch((e: unknown) => operational('error', `Foyer: closing ${log.file}`, e));
		}
	}
}

/** The day (YYYY-MM-DD) a record id names, or undefined for anything else. */
export function dayOfId(id: string): string | undefined {
	const m = /^(\d{4})(\d{2})(\d{2})-/.exec(id);
	return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** A fresh record id for a record made now: today's day in `timeZone`, then 8 random characters. */
export function newRecordId(clock: Clock, timeZone: string): string {
	const day = dayKey(clock.now(), timeZone);
	return `${day.replaceAll('-', '')}-${randomBytes(6).toString('base64url')}`;
}

/** The first and last day (YYYY-MM-DD) of the last `n` days up to and including today. */
export function recentDays(clock: Clock, timeZone: string, n: number): [string, string] {
	const now = clock.now();
	return [dayKey(new Date(now.getTime() - (n - 1) * 86_400_000), timeZone), dayKey(now, timeZone)];
}
