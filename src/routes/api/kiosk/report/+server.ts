import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { reportLocation, reported } from '$lib/server/work-orders/reporting';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A resident reports at the kiosk: `{ visit?, category, where: 'unit' | 'area', areaId?,
 * chips, text }` → the request's number and its tracking page. `where: 'unit'` needs an
 * identified visit; the unit is the visit's own.
 */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const { location, residentId, phoneTail } = reportLocation(app, body);
		const order = await app.workOrders.submit(
			{ category: body.category, location, chips: body.chips, text: body.text },
			{ source: 'kiosk', residentId, phoneTail }
		);
		return json({ order: reported(order, url.origin) }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
