import { describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
	it('locks a key after the fifth failure until the window has passed', () => {
		const clock = new ManualClock();
		const limiter = new AttemptLimiter(clock, 5, 15 * 60_000);
		for (let i = 0; i < 4; i++) {
			limiter.fail('wang');
			clock.advance(1000);
		}
		expect(limiter.retryAfter('wang')).toBe(0);
		limiter.fail('wang');
		expect(limiter.retryAfter('wang')).toBe(15 * 60_000 - 4000);
		clock.advance(15 * 60_000 - 4000);
		expect(limiter.retryAfter('wang')).toBe(0);
	});
	it('keeps keys apart and forgets a key on success', () => {
		const limiter = new AttemptLimiter(new ManualClock(), 1, 60_000);
		limiter.fail('a');
		expect(limiter.retryAfter('a')).toBeGreaterThan(0);
		expect(limiter.retryAfter('b')).toBe(0);
		limiter.reset('a');
		expect(limiter.retryAfter('a')).toBe(0);
	});
});
