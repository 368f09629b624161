/** Why a server is not ready: JSON `reason` of `/healthz/ready`'s 503. */
export type NotReady = 'shuttingDown' | 'storeClosed' | 'storeUnreachable';

export type ReadyState = { ready: true } | { ready: false; reason: NotReady };

/**
 * Readiness for a proxy or an orchestrator: ready while the store answers and the server is not
 * shutting down. `drain()` is called first thing on SIGTERM, before any connection closes, so
 * the proxy stops sending new requests while the running ones finish.
 */
export class Readiness {
	#draining = false;

	constructor(
		private readonly store: {
			readonly state: 'open' | 'closed';
			/** Resolves when the store answers (PostgreSQL: `SELECT 1`); rejects otherwise. */
			ping(): Promise<void>;
		},
		private readonly timeoutMs = 2000
	) {}

	/** From now on, not ready: the server is shutting down. */
	drain(): void {
		this.#draining = true;
	}

	get draining(): boolean {
		return this.#draining;
	}

	/** Asks the store, waiting at most `timeoutMs` (a hung database is not ready). */
	async check(): Promise<ReadyState> {
		if (this.#draining) return { ready: false, reason: 'shuttingDown' };
		if (this.store.state !== 'open') return { ready: false, reason: 'storeClosed' };
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error('timeout')), this.timeoutMs);
		});
		try {
			await Promise.race([this.store.ping(), late]);
			return { ready: true };
		} catch {
			return { ready: false, reason: this.#draining ? 'shuttingDown' : 'storeUnreachable' };
		} finally {
			clearTimeout(timer);
		}
	}
}
