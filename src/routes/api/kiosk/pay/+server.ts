import { json } from '@sveltejs/kit';
import { kioskBillIdsSchema } from '$lib/domain/fees-input';
import { foyer } from '$lib/server/foyer';
import { jsonBody, kioskDevice, visitUnit } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** The resident pays chosen bills by QR: `{ visit, device?, billIds, provider? }` → the intent to show. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const unitId = await visitUnit(app.identify, body);
		const intent = await app.payments.create({
			unitId,
			billIds: kioskBillIdsSchema.parse(body.billIds),
			kioskId: kioskDevice(app.devices, body)?.id ?? null,
			origin: url.origin,
			locale: locals.locale,
			provider: typeof body.provider === 'string' ? body.provider : undefined
		});
		return json({ intent: app.payments.view(intent) }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
