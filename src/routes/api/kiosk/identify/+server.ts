import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** A resident identifies at the kiosk: `{ building, entrance, room, phoneTail }` → a visit token. */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	try {
		const body = await jsonBody(request);
		return json({ visit: await foyer().identify.identify(body, getClientAddress()) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
