import { describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { AttemptLimiter, reserveAttempt } from './attempt-limiter';

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

describe('reserveAttempt', () => {
	it('lets at most the limit of checks started together run, refusing the rest with minutes', async () => {
		const limiter = new AttemptLimiter(new ManualClock(), 5, 15 * 60_000);
		let evaluated = 0;
		// A slow check (like a password hash) that always fails: the attempt stays counted.
		const guess = async () => {
			await reserveAttempt([{ limiter, key: 'manager' }], 'error.tooManyAttempts');
			await new Promise((resolve) => setImmediate(resolve));
			evaluated++;
			return 'wrong';
		};
		const answers = await Promise.allSettled(Array.from({ length: 12 }, guess));
		expect(evaluated).toBe(5);
		const refused = answers.filter((a) => a.status === 'rejected');
		expect(refused).toHaveLength(7);
		for (const r of refused) {
			expect(r.reason).toMatchObject({
				key: 'error.tooManyAttempts',
				status: 429,
				values: { minutes: 15 }
			});
		}
	});

	it('counts against every key or none, and takes a passed or cancelled attempt back', async () => {
		const clock = new ManualClock();
		const byUser = new AttemptLimiter(clock, 2, 60_000);
		const byAddress = new AttemptLimiter(clock, 3, 60_000);
		const keys = (user: string) => [
			{ limiter: byUser, key: user, clearOnPass: true },
			{ limiter: byAddress, key: '10.0.0.9' }
		];
		await reserveAttempt(keys('wang'), 'error.tooManyAttempts');
		await reserveAttempt(keys('wang'), 'error.tooManyAttempts');
		// wang is at his limit: the refused try is not counted against the address.
		await expect(reserveAttempt(keys('wang'), 'error.tooManyAttempts')).rejects.toThrow();
		expect(byAddress.retryAfter('10.0.0.9')).toBe(0);
		(await reserveAttempt(keys('li'), 'error.tooManyAttempts')).cancelled();
		expect(byAddress.retryAfter('10.0.0.9')).toBe(0);
		const right = await reserveAttempt(keys('li'), 'error.tooManyAttempts');
		expect(byAddress.retryAfter('10.0.0.9')).toBeGreaterThan(0);
		right.passed();
		expect(byAddress.retryAfter('10.0.0.9')).toBe(0);
		expect(byUser.retryAfter('li')).toBe(0);
	});

	it('forgets an account’s failures when its password is right, but not the address’s', async () => {
		const clock = new ManualClock();
		const byUser = new AttemptLimiter(clock, 2, 60_000);
		const byAddress = new AttemptLimiter(clock, 2, 60_000);
		const keys = [
			{ limiter: byUser, key: 'wang', clearOnPass: true },
			{ limiter: byAddress, key: '10.0.0.9' }
		];
		await reserveAttempt(keys, 'error.tooManyAttempts');
		(await reserveAttempt([keys[0]!], 'error.tooManyAttempts')).passed();
		expect(byUser.retryAfter('wang')).toBe(0);
		await reserveAttempt([keys[1]!], 'error.tooManyAttempts');
		expect(byAddress.retryAfter('10.0.0.9')).toBeGreaterThan(0);
	});
});
