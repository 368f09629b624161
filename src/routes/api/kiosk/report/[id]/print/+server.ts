import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * Prints the slip of a request just reported: `{ key, device? }` where key is the tracking
 * page's token from the report's answer (only the reporter has it).
 */
export const POST: RequestHandler = async ({ request, locals, params, url, getClientAddress }) => {
	try {
		const printed = await foyer().kioskReports.printSlip(params.id, await jsonBody(request), {
			origin: url.origin,
			locale: locals.locale,
			client: getClientAddress
		});
		return json({ printed });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
