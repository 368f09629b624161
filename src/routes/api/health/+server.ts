import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { health, healthDetail } from '$lib/server/health';
import { actingOf, jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * For monitoring and the device launchers: is Foyer up? `?detail` adds what it sees (data
 * folder, connections, printers), for a signed-in admin only.
 */
export const GET: RequestHandler = ({ url, locals }) => {
	try {
		const session = locals.session;
		return json(
			url.searchParams.has('detail')
				? healthDetail(foyer(), session ? actingOf(session) : null)
				: health(foyer())
		);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
