import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import { CATEGORIES, CHIPS } from '$lib/domain/work-order';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { reportLocation } from '$lib/server/work-orders/reporting';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

const category = z.enum(CATEGORIES, { error: 'error.category' });

/**
 * "Continue on your phone": `{ visit?, category, where, areaId?, chips }` → a QR address
 * where the phone finishes the report (longer text, photos) within 15 minutes, once.
 */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const c = category.parse(body.category);
		const { location, residentId, phoneTail } = reportLocation(app, body);
		if (location.kind === 'area') {
			const areaId = location.areaId;
			if (!app.site.site.publicAreas.some((a) => a.id === areaId)) {
				throw new FoyerError('error.area');
			}
		}
		const chips = (Array.isArray(body.chips) ? body.chips : []).filter(
			(x): x is string => typeof x === 'string' && CHIPS[c].includes(x)
		);
		const { token, expiresAt } = app.handoffs.start({
			category: c,
			location,
			chips,
			residentId,
			phoneTail
		});
		return json({ url: `${url.origin}/report/${token}`, expiresAt }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
