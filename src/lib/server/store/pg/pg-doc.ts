import type { Pool } from 'pg';
import type { Doc, DocOptions } from '../contract';
import { errorText } from '../errors';
import { PgDataError } from './pg-errors';

/**
 * The PostgreSQL Doc: one row of `documents` (site, name) holding the whole document as jsonb,
 * read once when it is opened and kept in memory, because the contract's `data` is synchronous.
 *
 * An update changes the memory at once (the next update sees it, as with the embedded store)
 * and resolves once a write that carries it has committed. Writes of one document never overlap:
 * while one is in flight, every update made meanwhile is carried by the next single write. So
 * the row only ever moves forward, and N concurrent updates cost at most two round trips.
 *
 * One process only, for now: another process's writes to the same row are not seen, and would
 * be overwritten (docs/store.md, "Several processes").
 */
export class PgDoc<T> implements Doc<T> {
	#data: T;
	/** The last write started (settled or not). */
	#tail: Promise<void> = Promise.resolve();
	/** The write not yet started, which every update made now joins. */
	#next: Promise<void> | null = null;

	private constructor(
		private readonly pool: Pool,
		private readonly site: string,
		private readonly name: string,
		data: T
	) {
		this.#data = data;
	}

	/** Reads the document (or starts from a copy of the defaults); throws PgDataError when invalid. */
	static async open<T>(
		pool: Pool,
		site: string,
		name: string,
		options: DocOptions<T>
	): Promise<PgDoc<T>> {
		const { rows } = await pool.query<{ data: unknown }>(
			'SELECT data FROM documents WHERE site_id = $1 AND name = $2',
			[site, name]
		);
		if (rows.length === 0) return new PgDoc(pool, site, name, structuredClone(options.defaults));
		try {
			return new PgDoc(pool, site, name, options.parse(rows[0]!.data));
		} catch (e) {
			throw new PgDataError(`document "${name}" of site "${site}"`, errorText(e));
		}
	}

	get data(): T {
		return this.#data;
	}

	update(change: (data: T) => void): Promise<void> {
		change(this.#data);
		if (!this.#next) {
			const next = this.#tail
				.catch(() => {})
				.then(() => {
					// From here on, updates join the write after this one: this one may not carry them.
					this.#next = null;
					return this.#write(JSON.stringify(this.#data));
				});
			this.#next = next;
			this.#tail = next;
		}
		return this.#next;
	}

	async flush(): Promise<void> {
		await this.#tail.catch(() => {});
	}

	async #write(json: string): Promise<void> {
		await this.pool.query(
			`INSERT INTO documents (site_id, name, data) VALUES ($1, $2, $3::jsonb)
			 ON CONFLICT (site_id, name)
			 DO UPDATE SET data = EXCLUDED.data, version = documents.version + 1, updated_at = now()`,
			[this.site, this.name, json]
		);
	}
}
