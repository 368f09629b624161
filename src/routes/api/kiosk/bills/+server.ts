import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody, visitUnit } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** An identified resident's unpaid bills: `{ visit }` → `{ bills, providers }`, oldest first. POST so
 * the visit token stays out of URLs and logs. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const app = foyer();
	try {
		const unitId = await visitUnit(app.identify, await jsonBody(request));
		const standards = app.site.site.feeStandards;
		const bills = app.fees.unpaid(unitId).map((b) => ({
			id: b.id,
			// The name on the bill (as issued), and the standard's English name for English screens.
			name: b.name,
			nameEn: standards.find((s) => s.id === b.standardId)?.nameEn,
			period: b.period,
			amountFen: b.balanceFen,
			dueDate: b.dueDate
		}));
		// How the resident may pay: the enabled providers, or the sandbox when none is.
		return json({ bills, providers: app.payments.providers.choices() });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
