import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** Take a notice down from every screen. */
export const DELETE: RequestHandler = async ({ params, locals }) => {
	const session = requireSection(locals, 'notices');
	try {
		return json({ notice: await foyer().notices.clear(actingOf(session), params.id) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
