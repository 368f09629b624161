import { error, json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { figuresFor } from '$lib/server/company/serve';
import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * The company's figures as JSON: `?period=2026-11 | 2026-Q4 | 2026-10-01..2026-10-15`, one row per
 * site and the company's total (head office only; docs/api.md, docs/company.md).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const session = locals.session;
	if (!session) error(401, translate(locals.locale, 'error.notLoggedIn'));
	try {
		const figures = await figuresFor(
			foyer(),
			actingOf(session),
			url.searchParams.get('period'),
			url
		);
		return json({ figures });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
