import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** Applies a previewed import, all at once (see SiteImports.confirm). */
export const POST: RequestHandler = async ({ locals, params }) => {
	const session = requireSection(locals, 'site');
	try {
		return json(await foyer().imports.confirm(actingOf(session), params.token, locals.locale));
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
