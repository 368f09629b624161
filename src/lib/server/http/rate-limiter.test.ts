import { describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { RateLimiter } from './rate-limiter';
import { RequestLimits } from './request-limits';

describe('RateLimiter', () => {
	it('admits up to the limit of every window, then says how long to wait', () => {
		const clock = new ManualClock();
		const limiter = new RateLimiter(clock, [
			{ max: 2, windowMs: 60_000 },
			{ max: 3, windowMs: 3_600_000 }
		]);
		expect(limiter.take('kiosk-1')).toBe(0);
		clock.advance(10_000);
		expect(limiter.take('kiosk-1')).toBe(0);
		// The minute is full: free again once the first request is a minute old.
		expect(limiter.take('kiosk-1')).toBe(50_000);
		clock.advance(50_000);
		expect(limiter.take('kiosk-1')).toBe(0);
		// The hour is full now, whatever the minute says.
		clock.advance(120_000);
		expect(limiter.take('kiosk-1')).toBe(3_600_000 - 180_000);
		// Another kiosk has its own count.
		expect(limiter.take('kiosk-2')).toBe(0);
	});

	it('does not count a refused request', () => {
		const clock = new ManualClock();
		const limiter = new RateLimiter(clock, [{ max: 1, windowMs: 60_000 }]);
		limiter.take('a');
		for (let i = 0; i < 5; i++) limiter.take('a');
		clock.advance(60_000);
		expect(limiter.take('a')).toBe(0);
	});
});

describe('RequestLimits', () => {
	it('refuses with a 429 that says how many minutes, counting all keys or none', () => {
		const limits = new RequestLimits(new ManualClock());
		for (let i = 0; i < 3; i++) limits.admit(['slipOfRequest', 'order-1'], ['slip', 'kiosk-1']);
		expect(() => limits.admit(['slipOfRequest', 'order-1'], ['slip', 'kiosk-1'])).toThrow(
			expect.objectContaining({
				key: 'error.slipPrintLimit',
				status: 429,
				values: { max: 3, minutes: 1440 }
			})
		);
		// The refused print was not counted against the kiosk: it has 7 of its 10 a minute left.
		for (let i = 0; i < 7; i++) limits.admit(['slip', 'kiosk-1']);
		expect(() => limits.admit(['slip', 'kiosk-1'])).toThrow(
			expect.objectContaining({
				key: 'error.tooManyRequests',
				status: 429,
				values: { max: 10, minutes: 1 }
			})
		);
	});
});
