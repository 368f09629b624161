import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A resident reports at the kiosk: `{ visit?, category, where: 'unit' | 'area', areaId?,
 * chips, text }` → the request's number and its tracking page. `where: 'unit'` needs an
 * identified visit; the unit is the visit's own.
 */
export const POST: RequestHandler = async ({ request, locals, url, getClientAddress }) => {
	try {
		const order = await foyer().kioskReports.report(await jsonBody(request), {
			origin: url.origin,
			client: getClientAddress
		});
		return json({ order }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
