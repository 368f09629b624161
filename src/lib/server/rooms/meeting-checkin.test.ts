import { expect, it } from 'vitest';
import { FoyerError } from '$lib/domain/errors';
import { ManualClock } from '$lib/domain/time';
import { SlowDown } from '../http/slow-down';
import type { SiteService } from '../site/site';
import type { BookingService } from './bookings';
import { MeetingCheckIn } from './meeting-checkin';

const RIGHT = '482913';

/** A meeting whose code is RIGHT; any other code is wrong, as BookingService answers. */
function checkIn(clock: ManualClock) {
	const bookings = {
		checkIn: async (code: string) => {
			if (code !== RIGHT) throw new FoyerError('error.bookingCode', {}, 404);
			return { roomId: 'room-1', title: '业主大会', welcome: '', private: false, checkedIn: 1 };
		}
	} as unknown as BookingService;
	const site = {
		site: { rooms: [{ id: 'room-1', name: '多功能厅', floor: '2F' }] }
	} as SiteService;
	const slowDown = new SlowDown(clock, { free: 5, maxDelayMs: 30_000, forgetMs: 15 * 60_000 });
	return new MeetingCheckIn({ bookings, site, slowDown });
}

const keyOf = (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: FoyerError) => e.key
	);

it('a right code works after many wrong ones at the same kiosk (after its wait) and at once at another', async () => {
	const clock = new ManualClock('2026-11-26T06:00:00.000Z');
	const service = checkIn(clock);
	// A guest mistypes 5 times: each is checked and answered "wrong code".
	for (let i = 0; i < 5; i++) {
		expect(await keyOf(service.checkIn(String(100000 + i), 'kiosk-a'))).toBe('error.bookingCode');
	}
	// Then that kiosk waits a moment between tries (a guesser gets few), growing with each miss.
	expect(await keyOf(service.checkIn(RIGHT, 'kiosk-a'))).toBe('error.checkInSlowDown');
	let waited = 0;
	for (let i = 0; i < 20; i++) {
		clock.advance(1000);
		waited += 1000;
		await keyOf(service.checkIn('000000', 'kiosk-a'));
	}
	// The other kiosk in the lobby is not affected at all.
	expect(await keyOf(service.checkIn(RIGHT, 'kiosk-b'))).toBe('ok');
	// However many wrong codes came before, the right one works within 30 s at that kiosk.
	const refused = service.checkIn(RIGHT, 'kiosk-a').catch((e: FoyerError) => e);
	const e = (await refused) as FoyerError;
	expect(e.key).toBe('error.checkInSlowDown');
	expect(e.status).toBe(429);
	expect(Number(e.values.seconds)).toBeLessThanOrEqual(30);
	clock.advance(30_000);
	expect(await keyOf(service.checkIn(RIGHT, 'kiosk-a'))).toBe('ok');
	// And it forgets the misses: the next guest's typo is checked again at once.
	expect(await keyOf(service.checkIn('111111', 'kiosk-a'))).toBe('error.bookingCode');
	expect(waited).toBe(20_000);
});

it('codes sent at once from one kiosk are checked at most 5 times; the rest wait', async () => {
	const clock = new ManualClock('2026-11-26T06:00:00.000Z');
	const service = checkIn(clock);
	const answers = await Promise.all(
		Array.from({ length: 40 }, (_, i) => keyOf(service.checkIn(String(200000 + i), 'kiosk-a')))
	);
	expect(answers.filter((k) => k === 'error.bookingCode')).toHaveLength(5);
	expect(answers.filter((k) => k === 'error.checkInSlowDown')).toHaveLength(35);
});
