import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * "Continue on your phone": `{ visit?, category, where, areaId?, chips }` → a QR address
 * where the phone finishes the report (longer text, photos) within 15 minutes, once.
 */
export const POST: RequestHandler = async ({ request, locals, url, getClientAddress }) => {
	try {
		const handoff = await foyer().kioskReports.handoff(await jsonBody(request), {
			origin: url.origin,
			client: getClientAddress
		});
		return json(handoff, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
