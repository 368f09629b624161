import { PgConnections, type PgConnectionOptions } from './pg-connections';
import { PgStore, type PgSiteOptions } from './pg-store';

/**
 * One process's PostgreSQL database, for every site it serves: opened once with the URL, it
 * applies the migrations, holds one pool of connections, one pool for section locks and one
 * listening connection, and hands out a store per site on them. A site's announcements go to
 * that site's store only; closing a site's store leaves the database open; `close()` closes
 * the stores still open, then every connection. (`PgStore.open` is the same with one site.)
 *
 * ```ts
 * const db = await PgDatabase.open({ url: process.env.DATABASE_URL });
 * const north = await db.site({ site: 'north', clock, timeZone: () => zone });
 * ```
 */
export class PgDatabase {
	readonly #connections: PgConnections;

	private constructor(connections: PgConnections) {
		this.#connections = connections;
	}

	/** Connects, migrates the schema (refusing a newer one) and starts listening. */
	static async open(o: PgConnectionOptions): Promise<PgDatabase> {
		return new PgDatabase(await PgConnections.open(o));
	}

	/** The process's name on the database: its connections' `application_name`, and every row's writer. */
	get name(): string {
		return this.#connections.writer;
	}

	get state(): 'open' | 'closed' {
		return this.#connections.closed ? 'closed' : 'open';
	}

	/** Opens the store of one site; a site already open here (and not closed) is refused. */
	site(o: PgSiteOptions): Promise<PgStore> {
		return PgStore.on(this.#connections, o);
	}

	/** Closes every site's store still open (their writes finish first), then every connection. */
	close(): Promise<void> {
		return this.#connections.close();
	}
}
