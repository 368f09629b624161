import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { ServerOptions } from 'socket.io';

/** The adapter's table for payloads over NOTIFY's 8000 bytes (a board, a long notice). */
const TABLE = 'socket_io_attachments';

/** Pushes between the processes sharing one database: Socket.IO's PostgreSQL adapter. */
export interface PushRelay {
	/** The adapter of one site's Socket.IO server: its pushes go out on the site's channel. */
	adapter(site: string): NonNullable<ServerOptions['adapter']>;
	/** Ends the relay's connections; after every site's Socket.IO server closed. */
	close(): Promise<void>;
}

/**
 * Opens the process's relay: a pool of its own (the store's is private to it) from DATABASE_URL,
 * on the adapter's attachments table (migration 005). An emit on any process is NOTIFYed to the
 * others, which hand it to their own sockets of that site.
 */
export async function openPushRelay(
	databaseUrl: string,
	log: (message: string, error: unknown) => void,
	sites = 1
): Promise<PushRelay> {
	// Each site's adapter holds one connection for LISTEN (its channels are the site's); the
	// publishes of every site share one more, so a process's pushes leave in the order they
	// were emitted.
	const pool = new pg.Pool({
		connectionString: databaseUrl,
		max: sites + 1,
		application_name: 'foyer-pushes'
	});
	// A connection cut under the adapter is reconnected by it; the error must not crash us.
	pool.on('error', (e) => log('Push relay: a database connection broke', e));
	pool.on('connect', (client) =>
		client.on('error', (e) => log('Push relay: a database connection broke', e))
	);
	// The adapter's table (payloads over NOTIFY's 8000 bytes) is made by the store's migration
	// 005, as the tables' owner: Foyer's ordinary role may not create tables (docs/store.md), and
	// a relay that made it could change a database the store then refuses as too new.
	try {
		await pool.query('SELECT 1');
	} catch (e) {
		await pool.end();
		throw e;
	}
	const adapter = (site: string) => {
		// Made when the site's Socket.IO server asks for its first namespace's adapter: the
		// LISTEN connection is then still on its way while the other namespaces are created in
		// the same tick, so it listens to all of them one after the other (not several at once).
		let make: ReturnType<typeof createAdapter> | null = null;
		// A function, not an arrow: Socket.IO calls it with `new` (an object returned wins).
		return function (nsp: Parameters<ReturnType<typeof createAdapter>>[0]) {
			make ??= createAdapter(pool, {
				tableName: TABLE,
				// One channel per site: a site's pushes never reach another site's screens, though
				// every site's processes share the database.
				channelPrefix: `foyer#${site}`,
				errorHandler: (e) => log('Push relay failed', e)
			});
			return make(nsp);
		};
	};
	return { adapter, close: () => pool.end() };
}
