import { describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { RateLimiter } from './rate-limiter';
import type { SharedAttempts } from '../store/contract';
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

/**
 * The shared counter's rule (PgAttempts) kept in memory: what a database counts for every
 * process. RequestLimits must say the same through it as through its own memory.
 */
function memoryAttempts(): SharedAttempts & { scopes: Set<string> } {
	const rows: { id: string; scope: string; key: string; at: number }[] = [];
	const scopes = new Set<string>();
	let next = 0;
	return {
		scopes,
		async reserve(keys, now) {
			let wait = 0;
			for (const k of keys) {
				scopes.add(k.scope);
				const at = rows
					.filter((r) => r.scope === k.scope && r.key === k.key && r.at > now - k.windowMs)
					.map((r) => r.at);
				if (at.length >= k.max) wait = Math.max(wait, at[at.length - k.max]! + k.windowMs - now);
			}
			if (wait > 0) return { wait, ids: [] };
			const ids = keys.map((k) => {
				const id = String(next++);
				rows.push({ id, scope: k.scope, key: k.key, at: now });
				return id;
			});
			return { wait, ids };
		},
		async takeBack(taken) {
			for (const t of taken) rows.splice(rows.findIndex((r) => r.id === t.id) >>> 0, 1);
		}
	};
}

describe.each([
	['in memory', () => null],
	['counted in the shared store', () => memoryAttempts()]
])('RequestLimits %s', (_name, shared) => {
	it('refuses with a 429 that says how many minutes, counting all keys or none', async () => {
		const limits = new RequestLimits(new ManualClock(), shared());
		for (let i = 0; i < 3; i++) {
			await limits.admit(['slipOfRequest', 'order-1'], ['slip', 'kiosk-1']);
		}
		await expect(limits.admit(['slipOfRequest', 'order-1'], ['slip', 'kiosk-1'])).rejects.toThrow(
			expect.objectContaining({
				key: 'error.slipPrintLimit',
				status: 429,
				values: { max: 3, minutes: 1440 }
			})
		);
		// The refused print was not counted against the kiosk: it has 7 of its 10 a minute left.
		for (let i = 0; i < 7; i++) await limits.admit(['slip', 'kiosk-1']);
		await expect(limits.admit(['slip', 'kiosk-1'])).rejects.toThrow(
			expect.objectContaining({
				key: 'error.tooManyRequests',
				status: 429,
				values: { max: 10, minutes: 1 }
			})
		);
		// A refusal by the second kind takes back what the first counted: another request's slip
		// (its own first print) is refused by the kiosk's minute, and may print once that passes.
		await expect(limits.admit(['slipOfRequest', 'order-2'], ['slip', 'kiosk-1'])).rejects.toThrow(
			expect.objectContaining({ key: 'error.tooManyRequests' })
		);
	});

	it("holds every window of a kind: an hour's tickets after six full minutes", async () => {
		const clock = new ManualClock();
		const limits = new RequestLimits(clock, shared());
		for (let minute = 0; minute < 6; minute++) {
			for (let i = 0; i < 10; i++) await limits.admit(['ticket', 'address:10.0.0.7']);
			// The minute is full; after the sixth, the hour is, until the first is an hour old.
			await expect(limits.admit(['ticket', 'address:10.0.0.7'])).rejects.toThrow(
				expect.objectContaining({ values: { max: 10, minutes: minute < 5 ? 1 : 55 } })
			);
			clock.advance(60_000);
		}
		await expect(limits.admit(['ticket', 'address:10.0.0.7'])).rejects.toThrow(
			expect.objectContaining({ values: { max: 10, minutes: 54 } })
		);
		await limits.admit(['ticket', 'address:10.0.0.8']);
	});
});

describe('RequestLimits on a shared counter', () => {
	it('keeps each window of each kind under a scope of its own', async () => {
		const shared = memoryAttempts();
		const limits = new RequestLimits(new ManualClock(), shared);
		await limits.admit(['ticket', 'k'], ['pairing', 'address:a']);
		expect([...shared.scopes].sort()).toEqual([
			'rate.pairing.600000',
			'rate.pairing.86400000',
			'rate.ticket.3600000',
			'rate.ticket.60000'
		]);
	});
});
