import type { Clock } from '$lib/domain/time';
import { PgStore } from './pg/pg-store';
import { Store } from './store';

/**
 * Opens the store a server runs on: PostgreSQL when `databaseUrl` (DATABASE_URL) is set — the
 * company deployment — and otherwise the embedded store in `dataDir`, the lobby PC's default.
 */
export function openStore(o: {
	dataDir: string;
	databaseUrl?: string | undefined;
	/** SITE: which site's rows a PostgreSQL store uses (`default`); the embedded store has one site. */
	site?: string | undefined;
	clock: Clock;
	timeZone: () => string;
}): Promise<Store | PgStore> {
	return o.databaseUrl
		? PgStore.open({
				url: o.databaseUrl,
				site: o.site || undefined,
				clock: o.clock,
				timeZone: o.timeZone
			})
		: Store.open({ dir: o.dataDir, clock: o.clock, timeZone: o.timeZone });
}
