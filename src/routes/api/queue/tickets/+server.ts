import { json } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** The kiosk takes a ticket: `{ service, visit? }` → the slip, with a QR to follow it by phone. */
export const POST: RequestHandler = async ({ request, locals, url, getClientAddress }) => {
	try {
		const body = await jsonBody(request);
		const { ticket, trackUrl } = await foyer().kioskTickets.take(body, {
			origin: url.origin,
			locale: locals.locale,
			client: getClientAddress
		});
		return json(
			{ ticket, trackUrl, qr: await QRCode.toDataURL(trackUrl, { margin: 1, width: 360 }) },
			{ status: 201 }
		);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
