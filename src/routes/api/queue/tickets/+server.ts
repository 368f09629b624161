import { json } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { ticketView } from '$lib/domain/queue';
import { foyer } from '$lib/server/foyer';
import { jsonProblem } from '$lib/server/http/respond';
import { kioskDevice } from '$lib/server/http/kiosk';
import { printTicket } from '$lib/server/queue/ticket-printing';
import type { RequestHandler } from './$types';

/** The kiosk takes a ticket: `{ service, visit? }` → the slip, with a QR to follow it by phone. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const app = foyer();
	try {
		const body = (await request.json().catch(() => ({}))) as {
			service?: unknown;
			visit?: unknown;
			device?: unknown;
		};
		// A ticket is linked to a unit only through an identified visit, never a unit id sent in.
		const ticket = await app.queue.take({
			service: body.service,
			unitId: app.identify.unitOf(typeof body.visit === 'string' ? body.visit : null)
		});
		const standing = await app.queue.standing(ticket.id);
		const trackUrl = `${url.origin}/q/${ticket.id}`;
		const view = ticketView(standing!, app.site.site.counters);
		await printTicket(app, {
			ticket: view,
			takenAt: new Date(ticket.at),
			trackUrl,
			locale: locals.locale,
			kioskId: kioskDevice(app, body)?.id ?? null
		});
		return json(
			{
				ticket: view,
				trackUrl,
				qr: await QRCode.toDataURL(trackUrl, { margin: 1, width: 360 })
			},
			{ status: 201 }
		);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
