import type { BookingService } from './bookings';

/** How often the clock looks for meetings nobody checked in to. */
const EVERY_MS = 30_000;

/**
 * No-shows are released by the clock, not by anyone's request: every 30 s, a booking whose
 * check-in window has passed with nobody checked in is released (BookingService.sweep), and
 * its room turns free on every board. Returns the stop function.
 */
export function startNoShowRelease(
	bookings: BookingService,
	log: (message: string, error: unknown) => void
): () => void {
	const timer = setInterval(() => {
		bookings.sweep().catch((e: unknown) => log('Releasing no-shows failed', e));
	}, EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}
