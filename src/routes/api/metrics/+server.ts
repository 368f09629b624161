import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem } from '$lib/server/http/respond';
import { metricsText } from '$lib/server/health';
import { METRICS_CONTENT_TYPE } from '$lib/server/ops/metrics';
import type { RequestHandler } from './$types';

/**
 * Prometheus metrics (text format 0.0.4) for an admin's session or a scraper's
 * `Authorization: Bearer <METRICS_TOKEN>` (docs/operations.md lists the metrics).
 */
export const GET: RequestHandler = async ({ request, locals }) => {
	try {
		const session = locals.session;
		const text = await metricsText(
			foyer(),
			session ? actingOf(session) : null,
			request.headers.get('authorization')
		);
		return new Response(text, {
			headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }
		});
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
