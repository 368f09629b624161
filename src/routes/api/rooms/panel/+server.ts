import { json } from '@sveltejs/kit';
import { panelPressSchema } from '$lib/domain/kiosk-input';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A door panel's buttons: `{ roomId, action, …, device?, pin? }`. Allowed from the panel paired
 * for that room, or anywhere with the conference staff's PIN (limited tries).
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	try {
		const body = await jsonBody(request);
		// Text where text belongs, before the panel reads the room, device and PIN as such.
		panelPressSchema.parse(body);
		await foyer().doorPanel.press(body, { client: getClientAddress, locale: locals.locale });
		return json({ ok: true });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
