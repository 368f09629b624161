import { json } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { trackView } from '$lib/domain/work-order-track';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A resident follows their own request: `{ number, phoneTail }` → where it stands. The same
 * answer for a wrong number and a wrong tail; failures limited per number and per address.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const number = String(body.number ?? '').replace(/\D/g, '');
		const tail = String(body.phoneTail ?? '');
		const client = getClientAddress();
		const { byNumber, byClient } = app.trackLimits;
		const wait = Math.max(byNumber.retryAfter(number), byClient.retryAfter(client));
		if (wait > 0) {
			throw new FoyerError('error.identifyLocked', { minutes: Math.ceil(wait / 60_000) }, 429);
		}
		const order = app.workOrders.byNumber(number);
		if (!order || !order.phoneTail || order.phoneTail !== tail) {
			byNumber.fail(number);
			byClient.fail(client);
			throw new FoyerError('error.trackFailed', {}, 401);
		}
		return json({ order: trackView(order, app.site.site) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
