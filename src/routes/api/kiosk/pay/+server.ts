import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { foyer } from '$lib/server/foyer';
import { jsonBody, kioskDevice, visitUnit } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

const billIds = z
	.array(z.string().max(80), { error: 'error.noBillsChosen' })
	.min(1, 'error.noBillsChosen')
	.max(120);

/** The resident pays chosen bills by QR: `{ visit, device?, billIds }` → the intent to show. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const unitId = visitUnit(app, body);
		const intent = await app.payments.create({
			unitId,
			billIds: billIds.parse(body.billIds),
			kioskId: kioskDevice(app, body)?.id ?? null,
			origin: url.origin,
			locale: locals.locale
		});
		return json({ intent: app.payments.view(intent) }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
