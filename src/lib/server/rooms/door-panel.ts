import { panelActionSchema } from '$lib/domain/booking-input';
import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import { translate, type Locale } from '$lib/i18n';
import type { DeviceService } from '../devices/devices';
import type { SiteService } from '../site/site';
import type { BookingService } from './bookings';
import type { RoomSettings } from './settings';

export interface DoorPanelDeps {
	clock: Clock;
	site: SiteService;
	devices: DeviceService;
	rooms: RoomSettings;
	bookings: BookingService;
}

/**
 * A door panel's buttons: book now, extend, end early, start (check in). Allowed from the panel
 * paired for that room, or anywhere with the conference staff's PIN (limited tries).
 */
export class DoorPanel {
	constructor(private readonly deps: DoorPanelDeps) {}

	/**
	 * One press: `{ roomId, action, …, device?, pin? }` as the panel sent it. `client` is asked
	 * only when a PIN is tried without that room's panel (tries count per client and room).
	 */
	async press(
		body: Record<string, unknown>,
		o: { client: () => string; locale: Locale }
	): Promise<void> {
		const { site, devices, rooms, bookings, clock } = this.deps;
		const roomId = String(body.roomId ?? '');
		const room = site.site.rooms.find((r) => r.id === roomId);
		if (!room) throw new FoyerError('error.roomRequired', {}, 404);
		const device = devices.byToken(body.device);
		const approved = device?.status === 'approved' ? device : undefined;
		const paired = approved?.roomId === roomId;
		if (!paired) {
			// No PIN typed yet: ask for it; only a wrong one counts. Tries are counted per address
			// and room, never per a pending device: anyone can mint a fresh pairing token.
			if (typeof body.pin !== 'string' || body.pin === '') {
				throw new FoyerError('error.pinRequired', {}, 403);
			}
			await rooms.checkPin(body.pin, { address: o.client(), roomId, device: approved?.id });
		}
		const v = panelActionSchema.parse(body);
		const by = {
			id: device?.id ?? 'panel',
			username: paired && approved ? `panel:${approved.name}` : 'panel-pin'
		};
		// A panel acts only on its own room's bookings.
		const mine = (id: string) => {
			if (bookings.get(id)?.roomId !== roomId) {
				throw new FoyerError('error.bookingNotFound', {}, 404);
			}
			return id;
		};
		if (v.action === 'bookNow') {
			const start = clock.now();
			await bookings.create(by, {
				roomId,
				title: translate(o.locale, 'rooms.adhocTitle'),
				start: start.toISOString(),
				end: new Date(start.getTime() + v.minutes * 60_000).toISOString(),
				setupMin: 0,
				teardownMin: 0,
				attendees: 1,
				layout: room.layouts[0],
				private: true
			});
		} else if (v.action === 'extend') await bookings.extend(by, mine(v.bookingId), v.minutes);
		else if (v.action === 'endEarly') await bookings.endEarly(by, mine(v.bookingId));
		else await bookings.start(by, mine(v.bookingId));
	}
}
