import type { Pool } from 'pg';
import type { Clock } from '$lib/domain/time';
import type { RecordLog, StoredRecord } from '../contract';
import { errorText } from '../errors';
import { dayOfId, newRecordId, recentDays } from '../record-log';
import { inSite, siteQuery } from './bound';
import { PgDataError, recordsWhere } from './pg-errors';

/** Where a record log lives in the database and how its records are filed and checked. */
export interface PgRecordLogOptions<T> {
	pool: Pool;
	site: string;
	collection: string;
	clock: Clock;
	/** The site's time zone now (it can change while Foyer runs). */
	timeZone: () => string;
	/** Validates one record read back. */
	parse: (data: unknown) => T;
}

interface Pending<T> {
	record: T;
	day: string;
	resolve: (r: T) => void;
	reject: (e: unknown) => void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The PostgreSQL RecordLog: one row of `records` per record (site, collection, id), with the
 * day its id names and the whole record as jsonb. `seq`, an identity column, keeps the order
 * of first appends; an update rewrites the row in place and keeps it.
 *
 * Appends are group-committed, like the embedded day logs: appends made while the previous
 * insert is in flight go out together as one multi-row INSERT, in call order, so this
 * process's append order is the order of `seq`. Updates are one transaction each, the row
 * locked (`SELECT … FOR UPDATE`) while `change` runs, so two updates of one record — from this
 * process or another — never lose each other. `days()` is answered from memory: the days are
 * read when the log opens and added to as this process, or another, appends. Records another
 * process writes are handed to `watch`ers (PgChanges reads them back).
 */
export class PgRecordLog<T extends StoredRecord> implements RecordLog<T> {
	readonly #o: PgRecordLogOptions<T>;
	readonly #days = new Set<string>();
	#queue: Pending<T>[] = [];
	/** The insert in flight, and those queued behind it: each starts when the previous ends. */
	#writing: Promise<void> = Promise.resolve();
	#scheduled = false;
	readonly #updates = new Set<Promise<unknown>>();
	readonly #watchers: ((record: T) => void)[] = [];

	private constructor(options: PgRecordLogOptions<T>) {
		this.#o = options;
	}

	/** Opens the log, reading which days hold records. */
	static async open<T extends StoredRecord>(o: PgRecordLogOptions<T>): Promise<PgRecordLog<T>> {
		const log = new PgRecordLog(o);
		// One index probe per day (a "loose index scan" on records_by_day), not a scan of every
		// record: 0.10-0.17 s for a million records over a thousand days, against 0.48 s for
		// SELECT DISTINCT (measured at load 11-13 on the 2-core development VM).
		const { rows } = await siteQuery<{ day: string }>(
			o.pool,
			o.site,
			`WITH RECURSIVE d(day) AS (
				(SELECT day FROM records WHERE site_id = $1 AND collection = $2 ORDER BY day LIMIT 1)
				UNION ALL
				SELECT (SELECT r.day FROM records r
				        WHERE r.site_id = $1 AND r.collection = $2 AND r.day > d.day
				        ORDER BY r.day LIMIT 1)
				FROM d WHERE d.day IS NOT NULL
			)
			SELECT day::text AS day FROM d WHERE day IS NOT NULL`,
			[o.site, o.collection]
		);
		for (const r of rows) log.#days.add(r.day);
		return log;
	}

	watch(seen: (record: T) => void): void {
		this.#watchers.push(seen);
	}

	/** Whether anything in this process keeps this log's records in memory. */
	get watched(): boolean {
		return this.#watchers.length > 0;
	}

	/** Another process appended or changed this record (PgChanges). */
	foreign(day: string, data: unknown): void {
		this.#days.add(day);
		const record = this.#parse(data, day);
		for (const seen of this.#watchers) seen(record);
	}

	days(): string[] {
		return [...this.#days].sort();
	}

	newId(): string {
		return newRecordId(this.#o.clock, this.#o.timeZone());
	}

	append(fields: Omit<T, 'id' | 'at'>, id: string = this.newId()): Promise<T> {
		const day = dayOfId(id);
		if (!day) return Promise.reject(new Error(`not a record id: ${id}`));
		const record = { ...fields, id, at: this.#o.clock.now().toISOString() } as T;
		return new Promise<T>((resolve, reject) => {
			this.#queue.push({ record, day, resolve, reject });
			if (this.#scheduled) return;
			this.#scheduled = true;
			this.#writing = this.#writing.then(() => this.#insert());
		});
	}

	/** Inserts every queued append in one statement, in the order they were made. */
	async #insert(): Promise<void> {
		this.#scheduled = false;
		const batch = this.#queue;
		this.#queue = [];
		try {
			// ORDER BY n: rows are inserted, and their seq drawn, in the order of the batch.
			const { rows } = await siteQuery<{ id: string }>(
				this.#o.pool,
				this.#o.site,
				`INSERT INTO records (site_id, collection, id, day, data)
				 SELECT $1, $2, r.value->'record'->>'id', (r.value->>'day')::date, r.value->'record'
				 FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS r(value, n)
				 ORDER BY r.n
				 ON CONFLICT (site_id, collection, id) DO NOTHING
				 RETURNING id`,
				[
					this.#o.site,
					this.#o.collection,
					JSON.stringify(batch.map((p) => ({ day: p.day, record: p.record })))
				]
			);
			const stored = new Set(rows.map((r) => r.id));
			for (const p of batch) {
				if (stored.has(p.record.id)) {
					this.#days.add(p.day);
					p.resolve(p.record);
				} else p.reject(new Error(`a record with id ${p.record.id} already exists`));
			}
		} catch (e) {
			for (const p of batch) p.reject(e);
		}
	}

	async get(id: string): Promise<T | undefined> {
		const day = dayOfId(id);
		if (!day) return undefined;
		const { rows } = await siteQuery<{ data: unknown }>(
			this.#o.pool,
			this.#o.site,
			'SELECT data FROM records WHERE site_id = $1 AND collection = $2 AND id = $3',
			[this.#o.site, this.#o.collection, id]
		);
		return rows[0] ? this.#parse(rows[0].data, day) : undefined;
	}

	update(id: string, change: (r: T) => T): Promise<T | undefined> {
		const done = this.#update(id, change);
		this.#updates.add(done);
		void done.catch(() => {}).finally(() => this.#updates.delete(done));
		return done;
	}

	async #update(id: string, change: (r: T) => T): Promise<T | undefined> {
		const day = dayOfId(id);
		if (!day) return undefined;
		return inSite(this.#o.pool, this.#o.site, async (client) => {
			const { rows } = await client.query<{ data: unknown }>(
				`SELECT data FROM records WHERE site_id = $1 AND collection = $2 AND id = $3
				 FOR UPDATE`,
				[this.#o.site, this.#o.collection, id]
			);
			// Nothing locked, nothing written: committing the empty transaction is a rollback.
			if (!rows[0]) return undefined;
			const old = this.#parse(rows[0].data, day);
			const next = { ...change(old), id: old.id, at: old.at };
			await client.query(
				'UPDATE records SET data = $4::jsonb WHERE site_id = $1 AND collection = $2 AND id = $3',
				[this.#o.site, this.#o.collection, id, JSON.stringify(next)]
			);
			return next;
		});
	}

	async list(from?: string, to?: string): Promise<T[]> {
		// The embedded log compares days as text; any bound that is not a plain date is open.
		const bound = (d: string | undefined, open: string) =>
			d && DAY.test(d) && !Number.isNaN(Date.parse(d)) ? d : open;
		const { rows } = await siteQuery<{ day: string; data: unknown }>(
			this.#o.pool,
			this.#o.site,
			`SELECT day::text AS day, data FROM records
			 WHERE site_id = $1 AND collection = $2 AND day BETWEEN $3::date AND $4::date
			 ORDER BY day, seq`,
			[this.#o.site, this.#o.collection, bound(from, '-infinity'), bound(to, 'infinity')]
		);
		return rows.map((r) => this.#parse(r.data, r.day));
	}

	async recent(n: number): Promise<T[]> {
		return this.list(...recentDays(this.#o.clock, this.#o.timeZone(), n));
	}

	async flush(): Promise<void> {
		await this.#writing;
		await Promise.allSettled([...this.#updates]);
	}

	#parse(data: unknown, day: string): T {
		try {
			return this.#o.parse(data);
		} catch (e) {
			const id = (data as { id?: unknown })?.id;
			throw new PgDataError(
				`${recordsWhere(this.#o.site, this.#o.collection, day)}, id ${String(id)}`,
				errorText(e)
			);
		}
	}
}
