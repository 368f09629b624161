import { json } from '@sveltejs/kit';
import { trackView } from '$lib/domain/work-order-track';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import { trackOrder } from '$lib/server/work-orders/tracking';
import type { RequestHandler } from './$types';

/**
 * A resident follows their own request: `{ number, phoneTail }` → where it stands. The same
 * answer for a wrong number and a wrong tail; failures limited per number and per address
 * (see trackOrder, shared with the phone page /track).
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const order = trackOrder(app, {
			number: body.number,
			phoneTail: body.phoneTail,
			client: getClientAddress()
		});
		return json({ order: trackView(order, app.site.site) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
