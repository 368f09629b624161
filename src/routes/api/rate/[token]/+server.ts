import { json } from '@sveltejs/kit';
import { trackView } from '$lib/domain/work-order-track';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** The resident rates a finished request: `{ score: 1–5, remarks? }` (once). */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const order = await app.workOrders.rate(
			params.token,
			{
				score: body.score,
				remarks: body.remarks ?? ''
			},
			'kiosk'
		);
		return json({ order: trackView(order, app.site.site) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
