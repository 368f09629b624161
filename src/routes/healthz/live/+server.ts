import type { RequestHandler } from './$types';

/**
 * Liveness: the process's event loop answers. 200 for as long as it runs — also while shutting
 * down, so an orchestrator does not kill a server that is draining (docs/operations.md).
 */
export const GET: RequestHandler = () =>
	new Response('ok\n', {
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
