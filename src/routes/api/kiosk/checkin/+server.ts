import { json } from '@sveltejs/kit';
import { checkInInputSchema } from '$lib/domain/kiosk-input';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A meeting guest checks in at the kiosk: `{ code }` (typed, or scanned from the booking's QR:
 * any text ending in the six digits) → the meeting as the lobby may show it, with the count.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	try {
		const body = checkInInputSchema.parse(await jsonBody(request));
		const meeting = await foyer().meetingCheckIn.checkIn(body.code, getClientAddress());
		return json({ meeting });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
