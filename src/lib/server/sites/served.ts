import { siteOfHost } from './hosts';

/** What the process needs of one site's services. */
export interface ServedSite {
	readonly siteId: string;
	readonly dataDir: string;
	readonly readiness: { drain(): void };
	close(): Promise<void>;
}

/**
 * The sites one process serves (one on a lobby PC; many on PostgreSQL), each with its own
 * services, and what they share: the HTTP and Socket.IO routing, the database's connections.
 */
export class ServedSites<S extends ServedSite> {
	readonly ids: readonly string[];

	constructor(
		readonly sites: ReadonlyMap<string, S>,
		/** Closed after every site: what the sites shared (the database, the push relay …). */
		private readonly shared: (() => Promise<void>)[] = []
	) {
		this.ids = [...sites.keys()];
	}

	/** The site a request with this Host is for, or null when the address names none. */
	forHost(host: string | null | undefined): S | null {
		const id = siteOfHost(host, this.ids);
		return id === null ? null : (this.sites.get(id) ?? null);
	}

	/** The one site, when the process serves one. */
	get only(): S | null {
		return this.sites.size === 1 ? this.first : null;
	}

	/** The first site listed: the process's own lines (readiness, the banner) speak for it. */
	get first(): S {
		const [first] = this.sites.values();
		if (!first) throw new Error('This process serves no site.');
		return first;
	}

	/** Where the first site keeps its files (the banner says so). */
	get dataDir(): string {
		return this.first.dataDir;
	}

	/** Not ready any more, in every site at once (the process is stopping). */
	readonly readiness = {
		drain: () => {
			for (const s of this.sites.values()) s.readiness.drain();
		}
	};

	/** Closes every site (each finishes its writes in flight), then what they shared. */
	async close(): Promise<void> {
		await Promise.allSettled([...this.sites.values()].map((s) => s.close()));
		for (const close of this.shared) await close();
	}
}
