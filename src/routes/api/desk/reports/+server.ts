import { error, json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A service-quality report as JSON: `?period=2026-11 | 2026-Q4 | 2026-10-01..2026-10-15`, the
 * figures of the period beside the previous one (docs/api.md, docs/reports.md).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const session = locals.session;
	if (!session) error(401, translate(locals.locale, 'error.notLoggedIn'));
	try {
		const report = await foyer().reports.report(actingOf(session), url.searchParams.get('period'));
		return json({ report });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
