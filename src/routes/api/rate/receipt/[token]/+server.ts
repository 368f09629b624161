import { json } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** The kiosk's "how was it?" after paying: `{ score: 1–5, remarks? }` for that receipt, once. */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const app = foyer();
	try {
		const entry = app.fees.byReceiptToken(params.token);
		if (!entry) throw new FoyerError('error.receiptNotFound', {}, 404);
		const body = await jsonBody(request);
		const rating = await app.ratings.rate(entry.id, 'kiosk', {
			score: body.score,
			remarks: body.remarks ?? ''
		});
		return json({ score: rating.score }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
