import pg from 'pg';

/** What the listener hands to one site's store (PgChanges). */
export interface SiteListener {
	/** A write to a row of the site was committed: its kind ('r' record, 'd' document), name, id, rev and writer. */
	announce(kind: string, name: string, id: string, rev: number, writer: string): void;
	/** The listening connection was down: any write after `rev` may have gone unheard. */
	missed(rev: number): void;
}

/** How long to wait before listening again after the listening connection broke. */
const RELISTEN_MS = 1000;

/**
 * The one connection a process listens on (`LISTEN foyer_changes`, migration 002) for every
 * site it serves: each announcement names its site first, and is handed to that site's store
 * only, so twenty sites cost one connection, not twenty. Another site's announcements are
 * dropped unread. After the connection breaks it listens again and tells every site what rev
 * it was listening since, so each reads what it missed.
 */
export class PgListener {
	readonly #url: string;
	readonly #name: string;
	readonly #lastRev: () => Promise<number>;
	readonly #sites = new Map<string, SiteListener>();
	#client: pg.Client | null = null;
	#closed = false;
	/** The last rev handed out when the current connection started to listen. */
	#listeningSince = 0;

	constructor(o: { url: string; name: string; lastRev: () => Promise<number> }) {
		this.#url = o.url;
		this.#name = o.name;
		this.#lastRev = o.lastRev;
	}

	/** Resolves once announcements are being received. */
	async start(): Promise<void> {
		const client = new pg.Client({ connectionString: this.#url, application_name: this.#name });
		client.on('notification', (n) => this.#dispatch(n.payload ?? ''));
		client.on('error', () => this.#relisten(client));
		client.on('end', () => this.#relisten(client));
		await client.connect();
		try {
			await client.query('LISTEN foyer_changes');
			this.#listeningSince = await this.#lastRev();
		} catch (e) {
			await client.end().catch(() => {});
			throw e;
		}
		if (this.#closed) await client.end().catch(() => {});
		else this.#client = client;
	}

	/** Hands the announcements of `site` to `to` until the returned function is called. */
	subscribe(site: string, to: SiteListener): () => void {
		this.#sites.set(site, to);
		return () => {
			if (this.#sites.get(site) === to) this.#sites.delete(site);
		};
	}

	#dispatch(payload: string): void {
		// Tab-separated (migration 002): site, kind, name, id, rev, writer.
		const [site, kind, name, id, rev, writer] = payload.split('\t');
		const to = site === undefined ? undefined : this.#sites.get(site);
		to?.announce(kind ?? '', name ?? '', id ?? '', Number(rev), writer ?? '');
	}

	/** The listening connection broke: each site reads by rev what was announced meanwhile. */
	#relisten(broken: pg.Client): void {
		if (this.#closed || this.#client !== broken) return;
		this.#client = null;
		const from = this.#listeningSince;
		const again = async (): Promise<void> => {
			if (this.#closed) return;
			try {
				await this.start();
				for (const site of this.#sites.values()) site.missed(from);
			} catch {
				setTimeout(() => void again(), RELISTEN_MS).unref();
			}
		};
		setTimeout(() => void again(), RELISTEN_MS).unref();
	}

	async close(): Promise<void> {
		this.#closed = true;
		await this.#client?.end().catch(() => {});
	}
}
