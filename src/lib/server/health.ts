import { FoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import type { Foyer } from './foyer';

/** What anyone may ask (monitoring, the device launchers' wait): is Foyer up, which version. */
export interface PublicHealth {
	status: 'ok' | 'stopping';
	version: string;
}

/** Whether Foyer is up. Nothing a stranger could use: no paths, addresses or counts. */
export function health(app: Foyer): PublicHealth {
	return { status: app.store.state === 'open' ? 'ok' : 'stopping', version: app.version };
}

/**
 * The server's details for a signed-in admin: when it started, its clock, the data folder,
 * Socket.IO connections and the printers (without their LAN targets, as before).
 */
export function healthDetail(app: Foyer, acting: Acting | null) {
	if (!acting) throw new FoyerError('error.notLoggedIn', {}, 401);
	demand(acting.roles, 'server.detail');
	return {
		...health(app),
		startedAt: app.startedAt.toISOString(),
		now: app.clock.now().toISOString(),
		store: { state: app.store.state, dir: app.dataDir },
		clients: app.realtime.clients(),
		printers: app.printing.status().map(({ target: _target, lastError, ...printer }) => ({
			...printer,
			lastError: lastError ? { code: lastError.code, key: lastError.key, at: lastError.at } : null
		}))
	};
}
