import { json } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * The kiosk ends a visit (Done, Home, idle reset): `{ visit }` → `{ ended: true }`. The token
 * is dropped on the server too, so nothing left over from the visit can act for the resident.
 * An unknown or expired token answers the same, so ending is safe to repeat.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	try {
		const body = await jsonBody(request);
		if (body.visit !== undefined && typeof body.visit !== 'string') {
			throw new FoyerError('error.invalid', {}, 400, 'visit');
		}
		await foyer().identify.end(body.visit);
		return json({ ended: true });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
