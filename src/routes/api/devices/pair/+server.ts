import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** A new screen asks to be paired: `{ kind: 'kiosk' | 'display' }` → its token and code. */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	try {
		const body = await jsonBody(request);
		const { token, device } = await foyer().devices.requestPairing(body.kind, getClientAddress);
		return json({ token, code: device.code }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
