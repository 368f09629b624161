import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import type { RequestHandler } from './$types';

/** For monitoring and the device launchers: is Foyer up, and what does it see? */
export const GET: RequestHandler = () => {
	const app = foyer();
	return json(
		{
			status: app.store.state === 'open' ? 'ok' : 'stopping',
			version: app.version,
			startedAt: app.startedAt.toISOString(),
			now: app.clock.now().toISOString(),
			store: { state: app.store.state, dir: app.dataDir },
			clients: app.realtime.clients(),
			// No targets, not even inside errors: they are LAN addresses, and this answer is public.
			printers: app.printing.status().map(({ target: _target, lastError, ...printer }) => ({
				...printer,
				lastError: lastError ? { code: lastError.code, key: lastError.key, at: lastError.at } : null
			}))
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
