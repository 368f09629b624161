import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';

/**
 * The advisory-lock key of the default site's clock-driven work (payment sweeps, no-show
 * release, board clocks, reconciliation, the printers).
 */
export const CLOCK_WORK_KEY = '4607259537215001';

/**
 * The key of one site's clock-driven work: each site of a database has its own leader, so a
 * process of one site never stands in for another's sweeps and printers.
 */
export function clockWorkKey(site: string | undefined): string {
	if (!site || site === 'default') return CLOCK_WORK_KEY;
	const hash = createHash('sha256').update(`foyer clock work/${site}`).digest('hex');
	return BigInt.asIntN(64, BigInt(`0x${hash.slice(0, 16)}`)).toString();
}
/** How often a follower asks for the lock, and a leader checks its connection. */
export const RETRY_MS = 2000;

/** Who runs the clock-driven work: this process or another one sharing the database. */
export interface Leadership {
	readonly isLeader: boolean;
	on(event: 'lead' | 'follow', listener: () => void): unknown;
	off(event: 'lead' | 'follow', listener: () => void): unknown;
	close(): Promise<void>;
}

/** The embedded edition: one process, always the leader. */
export function alwaysLeader(): Leadership {
	return { isLeader: true, on: () => undefined, off: () => undefined, close: async () => {} };
}

export interface LeaderOptions {
	/** The database to elect through (a session of the leader's own), or `session`. */
	databaseUrl?: string;
	/** A session shared with the other sites' leaders of this process (LeaderSession). */
	session?: LeaderSession;
	/** One line per change of role. */
	log: (line: string) => void;
	/** Errors that cost the lead or the connection (it reconnects by itself). */
	onError?: (message: string, error: unknown) => void;
	retryMs?: number;
	key?: string;
}

/**
 * The database session that holds a process's leads: one connection for every site the process
 * serves (a site's lead is a session-level advisory lock, so one session can hold many), not
 * one per site. A pool would not do: it hands the session, and the locks, to whichever query
 * comes next. When the session breaks, every lead it held ends at once, as they do in the
 * database.
 */
export class LeaderSession {
	#client: Promise<pg.Client> | null = null;
	/** The connection once connected: the one whose breaking ends the leads. */
	#live: pg.Client | null = null;
	readonly #holders = new Set<() => void>();

	constructor(
		private readonly databaseUrl: string,
		private readonly onError?: (message: string, error: unknown) => void
	) {}

	/** The session's connection, connected once (and again after it broke). */
	client(): Promise<pg.Client> {
		this.#client ??= this.#connect().catch((e: unknown) => {
			this.#client = null;
			throw e;
		});
		return this.#client;
	}

	/** Tells `lost` when the session breaks; returns the function that stops telling. */
	onLost(lost: () => void): () => void {
		this.#holders.add(lost);
		return () => this.#holders.delete(lost);
	}

	/** Ends the session: every lock it held is free, and every holder is told. */
	async end(): Promise<void> {
		const pending = this.#client;
		this.#client = null;
		this.#live = null;
		for (const lost of [...this.#holders]) lost();
		const client = await pending?.catch(() => null);
		await client?.end().catch(() => {});
	}

	async #connect(): Promise<pg.Client> {
		const client = new pg.Client({
			connectionString: this.databaseUrl,
			application_name: 'foyer-leader',
			keepAlive: true,
			// A check that hangs (a cut network) must not keep a stale leader leading; a busy
			// database answering in a few seconds must not make the lead flap.
			query_timeout: 5000,
			connectionTimeoutMillis: 5000
		});
		// A broken connection ends the leads now, not at the next check.
		const broke = () => {
			if (this.#live === client) void this.end();
		};
		client.on('error', (e) => {
			this.onError?.('Leader election: the database connection broke', e);
			broke();
		});
		client.on('end', broke);
		await client.connect();
		this.#live = client;
		return client;
	}
}

/**
 * Leader election through the database: the leader is the process whose session holds
 * `pg_try_advisory_lock(key)` (a LeaderSession). A follower asks again every `retryMs`; a
 * leader checks its session as often and stops leading the moment it breaks. When the
 * leader's process dies its session ends, the lock is free, and a follower takes it at its
 * next try.
 */
export class Leader extends EventEmitter implements Leadership {
	readonly #session: LeaderSession;
	/** Whether the session is this leader's alone (ended with it). */
	readonly #own: boolean;
	readonly #stopWatching: () => void;
	#leading = false;
	#closed = false;
	#timer: NodeJS.Timeout | null = null;
	#tick: Promise<void> | null = null;

	private constructor(private readonly o: LeaderOptions) {
		super();
		this.#own = !o.session;
		this.#session = o.session ?? new LeaderSession(o.databaseUrl ?? '', o.onError);
		this.#stopWatching = this.#session.onLost(() => {
			if (this.#leading) this.#become(false);
		});
	}

	/** Starts trying at once; resolves after the first try (leading or not). */
	static async start(options: LeaderOptions): Promise<Leader> {
		const leader = new Leader(options);
		await leader.#run();
		return leader;
	}

	get isLeader(): boolean {
		return this.#leading;
	}

	/** Gives the lead up (the lock frees at once) and stops trying. */
	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		await this.#tick;
		this.#stopWatching();
		if (this.#own) {
			await this.#session.end();
		} else if (this.#leading) {
			const client = await this.#session.client().catch(() => null);
			await client?.query('SELECT pg_advisory_unlock($1::bigint)', [this.#key]).catch(() => {});
		}
		if (this.#leading) this.#become(false);
	}

	get #key(): string {
		return this.o.key ?? CLOCK_WORK_KEY;
	}

	#run(): Promise<void> {
		this.#timer = null;
		this.#tick = this.#try().finally(() => {
			this.#tick = null;
			if (!this.#closed)
				this.#timer = setTimeout(() => void this.#run(), this.o.retryMs ?? RETRY_MS);
		});
		return this.#tick;
	}

	async #try(): Promise<void> {
		try {
			const client = await this.#session.client();
			if (this.#leading) {
				// Still ours while the session lives; a query that fails means it may not be.
				await client.query('SELECT 1');
				return;
			}
			const { rows } = await client.query<{ ok: boolean }>(
				'SELECT pg_try_advisory_lock($1::bigint) AS ok',
				[this.#key]
			);
			if (!rows[0]?.ok) return;
			// Closed meanwhile: the lock taken is given back, not held by a leader gone.
			if (this.#closed) await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.#key]);
			else this.#become(true);
		} catch (e) {
			this.o.onError?.('Leader election: the database connection failed', e);
			await this.#session.end();
		}
	}

	#become(leading: boolean): void {
		this.#leading = leading;
		this.o.log(
			leading
				? `Leader: process ${process.pid} now runs the clock-driven work (sweeps, clocks, printers).`
				: `Leader: process ${process.pid} stopped leading; another process takes over.`
		);
		this.emit(leading ? 'lead' : 'follow');
	}
}

/**
 * Runs `start` while this process leads and the stop it returns when it stops leading (or on
 * close). Embedded (always leader): started at once, as before there were several processes.
 * Returns the stop for close().
 */
export function whileLeading(
	leadership: Leadership,
	start: () => () => void | Promise<void>
): () => Promise<void> {
	let stop: (() => void | Promise<void>) | null = null;
	const lead = () => {
		stop ??= start();
	};
	const follow = () => {
		const s = stop;
		stop = null;
		// Stopping work never throws in practice; if it did, the next lead starts it afresh.
		void Promise.resolve()
			.then(() => s?.())
			.catch(() => {});
	};
	if (leadership.isLeader) lead();
	leadership.on('lead', lead);
	leadership.on('follow', follow);
	return async () => {
		leadership.off('lead', lead);
		leadership.off('follow', follow);
		const s = stop;
		stop = null;
		await s?.();
	};
}
