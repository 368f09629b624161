import { json } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { jsonBody, visitUnit } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** Where a QR payment stands (the kiosk also hears it pushed): `{ visit }` → `{ intent }`. */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const app = foyer();
	try {
		const unitId = await visitUnit(app.identify, await jsonBody(request));
		const intent = await app.payments.get(params.id);
		if (!intent || intent.unitId !== unitId) throw new FoyerError('error.intentNotFound', {}, 404);
		return json({ intent: app.payments.view(intent) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
