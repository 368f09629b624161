import type { CheckedInMeeting } from '$lib/domain/booking';
import { FoyerError, isFoyerError } from '$lib/domain/errors';
import type { AttemptLimiter } from '../http/attempt-limiter';
import type { SiteService } from '../site/site';
import type { BookingService } from './bookings';

/** A meeting guest checks in at the kiosk with the booking's code. */
export class MeetingCheckIn {
	constructor(
		private readonly deps: { bookings: BookingService; site: SiteService; limiter: AttemptLimiter }
	) {}

	/**
	 * `typed` is the code typed, or scanned from the booking's QR: any text ending in the six
	 * digits. Codes are six digits, so wrong ones are limited per kiosk (`client`), as
	 * identification is.
	 */
	async checkIn(typed: unknown, client: string): Promise<CheckedInMeeting> {
		const { bookings, site, limiter } = this.deps;
		const code = /(\d{6})\s*$/.exec(String(typed ?? ''))?.[1] ?? '';
		const key = `checkin:${client}`;
		const wait = limiter.retryAfter(key);
		if (wait > 0) {
			throw new FoyerError('error.identifyLocked', { minutes: Math.ceil(wait / 60_000) }, 429);
		}
		const b = await bookings.checkIn(code).catch((e: unknown) => {
			if (isFoyerError(e) && e.key === 'error.bookingCode') limiter.fail(key);
			throw e;
		});
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
