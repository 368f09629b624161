import { createHash, timingSafeEqual } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import type { Foyer } from './foyer';
import type { ReadyState } from './ops/readiness';

/** What anyone may ask (monitoring, the device launchers' wait): is Foyer up, which version. */
export interface PublicHealth {
	status: 'ok' | 'stopping';
	version: string;
}

/**
 * Whether Foyer is up. Nothing a stranger could use: no paths, addresses or counts. `stopping`
 * from the moment shutdown begins, as `/healthz/ready` turns 503 (docs/operations.md); unlike
 * that probe it does not ask the database, so it stays cheap for the device launchers.
 */
export function health(app: Foyer): PublicHealth {
	const up = app.store.state === 'open' && !app.readiness.draining;
	return { status: up ? 'ok' : 'stopping', version: app.version };
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

/**
 * The metrics' text for an admin's session or a scraper's `Authorization: Bearer
 * <METRICS_TOKEN>`. Without either: 401; a session without `ops.metrics`: 403.
 */
export async function metricsText(
	app: Foyer,
	acting: Acting | null,
	authorization: string | null
): Promise<string> {
	const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
	if (bearer !== undefined && app.metricsToken && sameSecret(bearer, app.metricsToken)) {
		return app.metrics.text();
	}
	if (!acting) throw new FoyerError('error.notLoggedIn', {}, 401);
	demand(acting.roles, 'ops.metrics');
	return app.metrics.text();
}

/** Compares in constant time (digests first: timingSafeEqual needs equal lengths). */
function sameSecret(a: string, b: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s).digest();
	return timingSafeEqual(digest(a), digest(b));
}

/** `/healthz/ready`'s answer: ready, or 503 with the reason. */
export function readiness(app: Foyer): Promise<ReadyState> {
	return app.readiness.check();
}
