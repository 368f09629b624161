import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody, visitUnit } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** The resident cancels a QR payment: `{ visit }` → `{ intent }` (paid, if the money came first). */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const app = foyer();
	try {
		const unitId = await visitUnit(app.identify, await jsonBody(request));
		const intent = await app.payments.cancel(params.id, unitId);
		return json({ intent: app.payments.view(intent) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
