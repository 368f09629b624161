import pg from 'pg';

/** Where another process's rows go: the open record logs and documents of this store. */
export interface ForeignTargets {
	/** The collections and documents something here keeps in memory (nothing else is read). */
	watched(): { records: string[]; documents: string[] };
	record(collection: string, day: string, data: unknown): void;
	document(name: string, data: unknown, version: number): void;
}

/** How long to wait before listening again after the listening connection broke. */
const RELISTEN_MS = 1000;

/**
 * Keeps one store's memory true to what other processes write (docs/store.md, "Several
 * processes"). Every write to `records` and `documents` gets a `rev` and is announced on
 * `foyer_changes` after it commits (migration 002). This class:
 *
 * - listens on its own connection, and reads back the rows other processes wrote (in batches:
 *   a bill run announces thousands), handing them to the logs and documents;
 * - catches up by `rev` when a section lock is taken (`catchUp`), because an announcement may
 *   still be on its way when the previous holder has already released the lock;
 * - after a broken listening connection, listens again and catches up on what it missed.
 *
 * A row is handed over once per version (`#applied`), whichever path found it first.
 */
export class PgChanges {
	readonly #pool: pg.Pool;
	readonly #url: string;
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
	#client: pg.Client | null = null;
	#closed = false;
	/** The rev every process had committed when this store opened. */
	#openedAt = 0;
	/** The last rev handed out when the current listening connection started to listen. */
	#listeningSince = 0;

	constructor(o: {
		pool: pg.Pool;
		url: string;
		site: string;
		writer: string;
		targets: ForeignTargets;
	}) {
		this.#pool = o.pool;
		this.#url = o.url;
		this.#site = o.site;
		this.#me = o.writer;
		this.#targets = o.targets;
	}

	/** Starts listening; resolves once announcements are being received. */
	async start(): Promise<void> {
		this.#openedAt = await this.#lastRev();
		await this.#listen();
	}

	async #listen(): Promise<void> {
		const client = new pg.Client({ connectionString: this.#url, application_name: this.#me });
		client.on('notification', (n) => this.#announce(n.payload ?? ''));
		client.on('error', () => this.#relisten(client));
		client.on('end', () => this.#relisten(client));
		await client.connect();
		await client.query('LISTEN foyer_changes');
		this.#listeningSince = await this.#lastRev();
		this.#client = client;
	}

	/** The listening connection broke: what was announced meanwhile is read by rev instead. */
	#relisten(broken: pg.Client): void {
		if (this.#closed || this.#client !== broken) return;
		this.#client = null;
		const from = this.#listeningSince;
		const again = async (): Promise<void> => {
			if (this.#closed) return;
			try {
				await this.#listen();
				await this.#readSince(from);
			} catch {
				setTimeout(() => void again(), RELISTEN_MS).unref();
			}
		};
		setTimeout(() => void again(), RELISTEN_MS).unref();
	}

	#announce(payload: string): void {
		const [site, kind, name, id, rev, writer] = payload.split('\t');
		if (site !== this.#site || writer === this.#me || !name || (kind !== 'r' && kind !== 'd')) {
			return;
		}
		if (!this.#wants(kind, name)) return;
		const key = `${kind}\t${name}\t${id ?? ''}`;
		if ((this.#applied.get(key) ?? 0) >= Number(rev)) return;
		this.#announced.set(key, { kind, name, id: id ?? '', rev: Number(rev) });
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
			const { rows } = await this.#pool.query<RawRow>(
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
		const last = await this.#lastRev();
		await this.#readSince(since);
		this.#caughtUp.set(lock, last);
	}

	/** The last rev handed out by any process (0 before the first). */
	async #lastRev(): Promise<number> {
		const { rows } = await this.#pool.query<{ rev: string }>(
			'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS rev FROM foyer_rev'
		);
		return Number(rows[0]?.rev ?? 0);
	}

	async #readSince(rev: number): Promise<void> {
		const { records, documents } = this.#targets.watched();
		const { rows } = await this.#pool.query<RawRow>(
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
		await this.#client?.end().catch(() => {});
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
