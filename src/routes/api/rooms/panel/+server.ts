import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

const panelSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('bookNow'), minutes: z.coerce.number().int().min(15).max(240) }),
	z.object({
		action: z.literal('extend'),
		bookingId: z.string(),
		minutes: z.coerce.number().int().min(15).max(120)
	}),
	z.object({ action: z.literal('endEarly'), bookingId: z.string() }),
	z.object({ action: z.literal('start'), bookingId: z.string() })
]);

/**
 * A door panel's buttons: `{ roomId, action, …, device?, pin? }`. Allowed from the panel paired
 * for that room, or anywhere with the conference staff's PIN (limited tries).
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const app = foyer();
	try {
		const body = await jsonBody(request);
		const roomId = String(body.roomId ?? '');
		const room = app.site.site.rooms.find((r) => r.id === roomId);
		if (!room) throw new FoyerError('error.roomRequired', {}, 404);
		const device = app.devices.byToken(body.device);
		const paired = device?.status === 'approved' && device.roomId === roomId;
		if (!paired) {
			// No PIN typed yet: ask for it; only a wrong one counts against the panel.
			if (typeof body.pin !== 'string' || body.pin === '') {
				throw new FoyerError('error.pinRequired', {}, 403);
			}
			await app.rooms.checkPin(body.pin, device?.id ?? getClientAddress());
		}
		const v = panelSchema.parse(body);
		const by = {
			id: device?.id ?? 'panel',
			username: paired ? `panel:${device.name}` : 'panel-pin'
		};
		const mine = (id: string) => {
			if (app.bookings.get(id)?.roomId !== roomId)
				throw new FoyerError('error.bookingNotFound', {}, 404);
			return id;
		};
		if (v.action === 'bookNow') {
			const start = app.clock.now();
			await app.bookings.create(by, {
				roomId,
				title: translate(locals.locale, 'rooms.adhocTitle'),
				start: start.toISOString(),
				end: new Date(start.getTime() + v.minutes * 60_000).toISOString(),
				setupMin: 0,
				teardownMin: 0,
				attendees: 1,
				layout: room.layouts[0],
				private: true
			});
		} else if (v.action === 'extend') await app.bookings.extend(by, mine(v.bookingId), v.minutes);
		else if (v.action === 'endEarly') await app.bookings.endEarly(by, mine(v.bookingId));
		else await app.bookings.start(by, mine(v.bookingId));
		return json({ ok: true });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
