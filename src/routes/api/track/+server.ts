import { json } from '@sveltejs/kit';
import { trackInputSchema } from '$lib/domain/kiosk-input';
import { trackView } from '$lib/domain/work-order-track';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A resident follows their own request: `{ number, phoneTail }` → where it stands. The same
 * answer for a wrong number and a wrong tail; failures limited per number and per address
 * (see Tracking, shared with the phone page /track).
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const app = foyer();
	try {
		const body = trackInputSchema.parse(await jsonBody(request));
		const order = await app.tracking.track({
			number: body.number,
			phoneTail: body.phoneTail,
			client: getClientAddress()
		});
		return json({ order: trackView(order, app.site.site) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
