import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { readiness } from '$lib/server/health';
import type { RequestHandler } from './$types';

/**
 * Readiness: 200 `{"status":"ready"}` while the store answers (PostgreSQL: `SELECT 1` within
 * 2 s) and the server is not shutting down; otherwise 503 `{"status":"unavailable","reason"}`
 * — a proxy sends this process nothing new (docs/operations.md).
 */
export const GET: RequestHandler = async () => {
	const state = await readiness(foyer());
	const headers = { 'cache-control': 'no-store' };
	return state.ready
		? json({ status: 'ready' }, { headers })
		: json({ status: 'unavailable', reason: state.reason }, { status: 503, headers });
};
