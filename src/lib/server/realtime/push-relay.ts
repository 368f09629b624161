import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { ServerOptions } from 'socket.io';

/** The adapter's table for payloads over NOTIFY's 8000 bytes (a board, a long notice). */
const TABLE = 'socket_io_attachments';
/** Serialises the table's creation when several processes start at once. */
const CREATE_LOCK = '4607259537215002';

/** Pushes between the processes sharing one database: Socket.IO's PostgreSQL adapter. */
export interface PushRelay {
	adapter: NonNullable<ServerOptions['adapter']>;
	/** Ends the relay's connections; after the Socket.IO server closed. */
	close(): Promise<void>;
}

/**
 * Opens the relay: a small pool of its own (the store's is private to it) from DATABASE_URL,
 * and the adapter's attachments table (the schema its README gives) if missing. An emit on any
 * process is NOTIFYed to the others, which hand it to their own sockets.
 */
export async function openPushRelay(
	databaseUrl: string,
	log: (message: string, error: unknown) => void
): Promise<PushRelay> {
	// Two connections: the adapter holds one for LISTEN; publishes share the other, so a
	// process's pushes leave in the order they were emitted.
	const pool = new pg.Pool({
		connectionString: databaseUrl,
		max: 2,
		application_name: 'foyer-pushes'
	});
	// A connection cut under the adapter is reconnected by it; the error must not crash us.
	pool.on('error', (e) => log('Push relay: a database connection broke', e));
	pool.on('connect', (client) =>
		client.on('error', (e) => log('Push relay: a database connection broke', e))
	);
	try {
		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [CREATE_LOCK]);
			await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
				id bigserial UNIQUE,
				created_at timestamptz DEFAULT NOW(),
				payload bytea
			)`);
			await client.query('COMMIT');
		} finally {
			client.release();
		}
	} catch (e) {
		await pool.end();
		throw e;
	}
	const adapter = createAdapter(pool, {
		tableName: TABLE,
		errorHandler: (e) => log('Push relay failed', e)
	});
	return { adapter, close: () => pool.end() };
}
