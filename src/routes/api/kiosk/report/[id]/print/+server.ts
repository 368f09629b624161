import { json } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { jsonBody, kioskDevice } from '$lib/server/http/kiosk';
import { printReportSlip } from '$lib/server/work-orders/reporting';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * Prints the slip of a request just reported: `{ key, device? }` where key is the tracking
 * page's token from the report's answer (only the reporter has it).
 */
export const POST: RequestHandler = async ({ request, locals, params, url }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const order = app.workOrders.get(params.id);
		if (!order || order.rateToken !== body.key) {
			throw new FoyerError('error.workOrderNotFound', {}, 404);
		}
		const printed = await printReportSlip(app, order, {
			origin: url.origin,
			locale: locals.locale,
			kioskId: kioskDevice(app, body)?.id ?? null
		});
		return json({ printed });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
