import type { Pool, PoolClient } from 'pg';
import type { Doc, DocOptions } from '../contract';
import { errorText } from '../errors';
import { inSite, siteQuery } from './bound';
import { PgDataError } from './pg-errors';

type Change<T> = (data: T) => void;

/**
 * The PostgreSQL Doc: one row of `documents` (site, name) holding the whole document as jsonb,
 * kept in memory because the contract's `data` is synchronous, with the row's `version`.
 *
 * An update changes the memory at once (the next update sees it, as with the embedded store)
 * and resolves once a write that carries it has committed. Writes of one document never overlap
 * in a process: while one is in flight, every update made meanwhile is carried by the next.
 *
 * Several processes: a write takes the row (`SELECT … FOR UPDATE`) and compares its version
 * with the one the memory came from. When another process wrote in between, the changes of
 * this write are applied again to the row's content, which becomes the memory, so neither
 * process's update is lost. (A change is therefore a plain edit of the data: it may run twice.)
 * Another process's writes also reach the memory between writes, through `PgChanges`.
 */
export class PgDoc<T> implements Doc<T> {
	#data: T;
	/** The row's version the memory comes from (0: no row yet). */
	#version: number;
	/** Changes in memory that no write has taken yet. */
	#unwritten: Change<T>[] = [];
	/** The last write started (settled or not). */
	#tail: Promise<void> = Promise.resolve();
	/** The write not yet started, which every update made now joins. */
	#next: Promise<void> | null = null;
	/** Another process's version arrived while a write was in flight: read it after. */
	#stale = false;

	private constructor(
		private readonly pool: Pool,
		private readonly site: string,
		private readonly name: string,
		private readonly options: DocOptions<T>,
		data: T,
		version: number
	) {
		this.#data = data;
		this.#version = version;
	}

	/** Reads the document (or starts from a copy of the defaults); throws PgDataError when invalid. */
	static async open<T>(
		pool: Pool,
		site: string,
		name: string,
		options: DocOptions<T>
	): Promise<PgDoc<T>> {
		const { rows } = await siteQuery<{ data: unknown; version: string }>(
			pool,
			site,
			'SELECT data, version FROM documents WHERE site_id = $1 AND name = $2',
			[site, name]
		);
		const row = rows[0];
		if (!row) return new PgDoc(pool, site, name, options, structuredClone(options.defaults), 0);
		const doc = new PgDoc(pool, site, name, options, options.defaults, Number(row.version));
		doc.#data = doc.#parse(row.data);
		return doc;
	}

	get data(): T {
		return this.#data;
	}

	update(change: Change<T>): Promise<void> {
		change(this.#data);
		this.#unwritten.push(change);
		if (!this.#next) {
			const next = this.#tail
				.catch(() => {})
				.then(() => {
					// From here on, updates join the write after this one: this one may not carry them.
					this.#next = null;
					const batch = this.#unwritten;
					this.#unwritten = [];
					return this.#write(batch, JSON.stringify(this.#data));
				})
				.finally(() => this.#afterWrite());
			this.#next = next;
			this.#tail = next;
		}
		return this.#next;
	}

	async flush(): Promise<void> {
		await this.#tail.catch(() => {});
	}

	/** Another process committed `version` of this document (PgChanges). */
	foreign(data: unknown, version: number): void {
		if (version <= this.#version) return;
		if (this.#next || this.#unwritten.length > 0 || this.#busy) {
			this.#stale = true;
			return;
		}
		this.#data = this.#parse(data);
		this.#version = version;
	}

	#busy = false;

	async #write(batch: Change<T>[], json: string): Promise<void> {
		this.#busy = true;
		try {
			const version = await inSite(this.pool, this.site, async (client) => {
				const row = await this.#lockRow(client);
				if (row && Number(row.version) !== this.#version) {
					// Another process wrote since the memory was read: its content plus this write's
					// changes, and the changes made since, become the memory.
					const fresh = this.#parse(row.data);
					for (const c of batch) c(fresh);
					json = JSON.stringify(fresh);
					const memory = this.#parse(JSON.parse(json));
					for (const c of this.#unwritten) c(memory);
					this.#data = memory;
				}
				const { rows } = await client.query<{ version: string }>(
					`INSERT INTO documents (site_id, name, data) VALUES ($1, $2, $3::jsonb)
					 ON CONFLICT (site_id, name)
					 DO UPDATE SET data = EXCLUDED.data, version = documents.version + 1, updated_at = now()
					 RETURNING version`,
					[this.site, this.name, json]
				);
				return Number(rows[0]!.version);
			});
			this.#version = version;
		} finally {
			this.#busy = false;
		}
	}

	/** The row, locked until COMMIT; a row another process is inserting right now is waited for. */
	async #lockRow(client: PoolClient): Promise<{ data: unknown; version: string } | undefined> {
		const select = () =>
			client.query<{ data: unknown; version: string }>(
				'SELECT data, version FROM documents WHERE site_id = $1 AND name = $2 FOR UPDATE',
				[this.site, this.name]
			);
		const { rows } = await select();
		if (rows[0] || this.#version !== 0) return rows[0];
		// No row: take the document's place (waits for a concurrent insert to commit) and look again.
		await client.query(
			`INSERT INTO documents (site_id, name, data, version) VALUES ($1, $2, $3::jsonb, 0)
			 ON CONFLICT (site_id, name) DO NOTHING`,
			[this.site, this.name, JSON.stringify(this.options.defaults)]
		);
		return (await select()).rows[0];
	}

	/** After a write: a version another process committed meanwhile is read now. */
	#afterWrite(): void {
		if (!this.#stale || this.#next || this.#unwritten.length > 0) return;
		this.#stale = false;
		this.refresh().catch(() => {});
	}

	/** Reads the row now; a newer version than the memory's replaces it (after this process's writes). */
	async refresh(): Promise<void> {
		await this.flush();
		const { rows } = await siteQuery<{ data: unknown; version: string }>(
			this.pool,
			this.site,
			'SELECT data, version FROM documents WHERE site_id = $1 AND name = $2',
			[this.site, this.name]
		);
		if (rows[0]) this.foreign(rows[0].data, Number(rows[0].version));
	}

	#parse(data: unknown): T {
		try {
			return this.options.parse(data);
		} catch (e) {
			throw new PgDataError(`document "${this.name}" of site "${this.site}"`, errorText(e));
		}
	}
}
