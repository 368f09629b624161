import type { CheckedInMeeting } from '$lib/domain/booking';
import { isFoyerError } from '$lib/domain/errors';
import type { SlowDown } from '../http/slow-down';
import type { SiteService } from '../site/site';
import type { BookingService } from './bookings';

/** A meeting guest checks in at the kiosk with the booking's code. */
export class MeetingCheckIn {
	constructor(
		private readonly deps: { bookings: BookingService; site: SiteService; slowDown: SlowDown }
	) {}

	/**
	 * `typed` is the code typed, or scanned from the booking's QR: any text ending in the six
	 * digits. Codes are six digits, so wrong ones are slowed per kiosk (`client`): after a few,
	 * each further try from that kiosk waits a growing few seconds (429 `error.checkInSlowDown`).
	 * No kiosk is ever locked out for long: at a large meeting, guests mistype, and the next
	 * guest's right code must still work, there and at every other kiosk.
	 */
	async checkIn(typed: unknown, client: string): Promise<CheckedInMeeting> {
		const { bookings, site, slowDown } = this.deps;
		const code = /(\d{6})\s*$/.exec(String(typed ?? ''))?.[1] ?? '';
		const key = `checkin:${client}`;
		// Counted before the booking is looked up (which waits for the store), so codes sent at
		// once cannot all pass; taken back unless the code was wrong.
		const attempt = slowDown.reserve(key, 'error.checkInSlowDown');
		const b = await bookings.checkIn(code).catch((e: unknown) => {
			if (!isFoyerError(e) || e.key !== 'error.bookingCode') attempt.cancelled();
			throw e;
		});
		attempt.passed();
		const room = site.site.rooms.find((r) => r.id === b.roomId);
		return {
			title: b.private ? null : b.title,
			welcome: b.private ? '' : b.welcome,
			room: room?.name ?? '',
			floor: room?.floor ?? '',
			start: b.start,
			end: b.end,
			checkedIn: b.checkedIn,
			attendees: b.attendees
		};
	}
}
