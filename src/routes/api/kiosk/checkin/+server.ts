import { json } from '@sveltejs/kit';
import { FoyerError, isFoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/**
 * A meeting guest checks in at the kiosk: `{ code }` (typed, or scanned from the booking's QR:
 * any text ending in the six digits) → the meeting as the lobby may show it, with the count.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const code = /(\d{6})\s*$/.exec(String(body.code ?? ''))?.[1] ?? '';
		// Codes are six digits: wrong ones are limited per kiosk, as identification is.
		const key = `checkin:${getClientAddress()}`;
		const limiter = app.trackLimits.byClient;
		const wait = limiter.retryAfter(key);
		if (wait > 0) {
			throw new FoyerError('error.identifyLocked', { minutes: Math.ceil(wait / 60_000) }, 429);
		}
		const b = await app.bookings.checkIn(code).catch((e: unknown) => {
			if (isFoyerError(e) && e.key === 'error.bookingCode') limiter.fail(key);
			throw e;
		});
		const room = app.site.site.rooms.find((r) => r.id === b.roomId);
		return json({
			meeting: {
				title: b.private ? null : b.title,
				welcome: b.private ? '' : b.welcome,
				room: room?.name ?? '',
				floor: room?.floor ?? '',
				start: b.start,
				end: b.end,
				checkedIn: b.checkedIn,
				attendees: b.attendees
			}
		});
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
