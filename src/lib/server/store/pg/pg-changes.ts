import type pg from 'pg';
import { siteQuery } from './bound';

/** Where another process's rows go: the open record logs and documents of this store. */
export interface ForeignTargets {
	/** The collections and documents something here keeps in memory (nothing else is read). */
	watched(): { records: string[]; documents: string[] };
	record(collection: string, day: string, data: unknown): void;
	document(name: string, data: unknown, version: number): void;
}

/**
 * Keeps one site's store's memory true to what other processes write (docs/store.md, "Several
 * processes"). Every write to `records` and `documents` gets a `rev` and is announced on
 * `foyer_changes` after it commits (migration 002). The database's one listening connection
 * (PgListener) hands this site's announcements to `announce`; this class:
 *
 * - reads back the rows other processes wrote (in batches: a bill run announces thousands),
 *   handing them to the logs and documents;
 * - catches up by `rev` when a section lock is taken (`catchUp`), because an announcement may
 *   still be on its way when the previous holder has already released the lock;
 * - after the listening connection broke and listens again, reads by rev what it missed (`missed`).
 *
 * A row is handed over once per version (`#applied`), whichever path found it first. Every
 * read is bound to the site (row-level security, migration 004).
 */
export class PgChanges {
	readonly #pool: pg.Pool;
	readonly #site: string;
	readonly #me: string;
	readonly #targets: ForeignTargets;
	/** The highest rev handed over, per record or document. */
	readonly #applied = new Map<string, number>();
	/** Per section lock: every rev up to this one was seen when the lock was last held here. */
	readonly #caughtUp = new Map<string, number>();
	/** Rows announced and not yet read back. */
	#announced = new Map<string, { kind: 'r' | 'd'; name: string; id: string; rev: number }>();
	#reading: Promise<void> = Promise.resolve();
	#scheduled = false;
	#closed = false;
	/** The rev every process had committed when this store opened. */
	#openedAt = 0;

	constructor(o: { pool: pg.Pool; site: string; writer: string; targets: ForeignTargets }) {
		this.#pool = o.pool;
		this.#site = o.site;
		this.#me = o.writer;
		this.#targets = o.targets;
	}

	/** Notes where the store starts from; call before announcements are handed to it. */
	async start(): Promise<void> {
		this.#openedAt = await lastRev(this.#pool);
	}

	/** The listening connection was down: everything after `rev` is read, as if announced. */
	missed(rev: number): void {
		this.#reading = this.#reading
			.then(() => this.#readSince(rev))
			.catch((e: unknown) => {
				if (!this.#closed) console.error(`Foyer: reading another process's writes failed: ${e}`);
			});
	}

	/** An announcement of this site (PgListener): a row another process may have written. */
	announce(kind: string, name: string, id: string, rev: number, writer: string): void {
		if (this.#closed || writer === this.#me || !name || (kind !== 'r' && kind !== 'd')) return;
		if (!this.#wants(kind, name)) return;
		const key = `${kind}\t${name}\t${id}`;
		if ((this.#applied.get(key) ?? 0) >= rev) return;
		this.#announced.set(key, { kind, name, id, rev });
		if (this.#scheduled) return;
		this.#scheduled = true;
		// Everything announced until the previous read ends goes in the next read.
		this.#reading = this.#reading.then(() => this.#readAnnounced());
	}

	async #readAnnounced(): Promise<void> {
		this.#scheduled = false;
		const batch = [...this.#announced.values()];
		this.#announced = new Map();
		const records = batch.filter((b) => b.kind === 'r');
		const docs = batch.filter((b) => b.kind === 'd').map((b) => b.name);
		try {
			const { rows } = await siteQuery<RawRow>(
				this.#pool,
				this.#site,
				`${RECORD_ROWS} AND (collection, id) IN
				   (SELECT x->>0, x->>1 FROM jsonb_array_elements($3::jsonb) x)
				 UNION ALL ${DOCUMENT_ROWS} AND name = ANY($4::text[])`,
				[this.#site, this.#me, JSON.stringify(records.map((r) => [r.name, r.id])), docs]
			);
			this.#hand(rows);
		} catch (e) {
			if (!this.#closed) console.error(`Foyer: reading another process's writes failed: ${e}`);
		}
	}

	/**
	 * Hands over every row other processes committed since this lock was last held here; called
	 * with the section lock `lock` held, so the previous holder's writes are all committed.
	 */
	async catchUp(lock: string): Promise<void> {
		const since = this.#caughtUp.get(lock) ?? this.#openedAt;
		// The sequence's value is read before the rows: any rev at or below it is committed
		// or belongs to a write still in flight outside this lock (announced when it commits).
		const last = await lastRev(this.#pool);
		await this.#readSince(since);
		this.#caughtUp.set(lock, last);
	}

	async #readSince(rev: number): Promise<void> {
		const { records, documents } = this.#targets.watched();
		const { rows } = await siteQuery<RawRow>(
			this.#pool,
			this.#site,
			`${RECORD_ROWS} AND rev > $3 AND collection = ANY($4::text[])
			 UNION ALL ${DOCUMENT_ROWS} AND rev > $3 AND name = ANY($5::text[])`,
			[this.#site, this.#me, rev, records, documents]
		);
		this.#hand(rows);
	}

	#wants(kind: 'r' | 'd', name: string): boolean {
		const w = this.#targets.watched();
		return (kind === 'r' ? w.records : w.documents).includes(name);
	}

	#hand(rows: RawRow[]): void {
		// Only a guard against reading a row twice; forgetting it costs a second read at most.
		if (this.#applied.size > 50_000) this.#applied.clear();
		for (const r of rows.sort((a, b) => Number(a.rev) - Number(b.rev))) {
			const key = `${r.kind}\t${r.name}\t${r.id}`;
			const rev = Number(r.rev);
			if ((this.#applied.get(key) ?? 0) >= rev || !this.#wants(r.kind, r.name)) continue;
			this.#applied.set(key, rev);
			if (r.kind === 'r') this.#targets.record(r.name, r.day!, r.data);
			else this.#targets.document(r.name, r.data, Number(r.version));
		}
	}

	async close(): Promise<void> {
		this.#closed = true;
		await this.#reading.catch(() => {});
	}
}

interface RawRow {
	kind: 'r' | 'd';
	name: string;
	id: string;
	day: string | null;
	data: unknown;
	version: string | null;
	rev: string;
}

/** Another process's records ($1 the site, $2 this process). */
const RECORD_ROWS = `SELECT 'r' AS kind, collection AS name, id, day::text AS day, data,
	NULL::bigint AS version, rev FROM records WHERE site_id = $1 AND writer <> $2`;
/** Another process's documents ($1 the site, $2 this process). */
const DOCUMENT_ROWS = `SELECT 'd', name, '', NULL, data, version, rev
	FROM documents WHERE site_id = $1 AND writer <> $2`;

/**
 * The last rev handed out by any process (0 before the first). A sequence is not a site's row:
 * reading it needs no binding.
 */
export async function lastRev(pool: pg.Pool): Promise<number> {
	const { rows } = await pool.query<{ rev: string }>(
		'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS rev FROM foyer_rev'
	);
	return Number(rows[0]?.rev ?? 0);
}
