import { describe, expect, it } from 'vitest';
import type { Booking } from '$lib/domain/booking';
import { avDue, averageScore, freePiece, GRID_MINUTES, isLive, place } from './grid';

// 2026-03-10 07:00 in Shanghai.
const gridTop = Date.parse('2026-03-09T23:00:00Z');
const timed = (start: string, end: string, more: Partial<Booking> = {}) => ({
	start,
	end,
	setupMin: 15,
	teardownMin: 30,
	endedAt: null,
	status: 'booked' as const,
	avCheck: {
		status: 'pending' as const,
		items: [],
		note: '',
		by: null,
		at: null,
		workOrderId: null
	},
	...more
});

describe('placing a booking on the 07:00–22:00 grid', () => {
	it('14:00–15:00 local sits 420 minutes down, buffers around it', () => {
		expect(place(timed('2026-03-10T06:00:00Z', '2026-03-10T07:00:00Z'), gridTop)).toEqual({
			top: 420,
			height: 60,
			heldTop: 405,
			heldHeight: 105
		});
	});
	it('clips what runs past the grid and drops what misses it', () => {
		// 06:30–08:00 local: setup from 06:15.
		expect(place(timed('2026-03-09T22:30:00Z', '2026-03-10T00:00:00Z'), gridTop)).toEqual({
			top: 0,
			height: 60,
			heldTop: 0,
			heldHeight: 90
		});
		// 21:30–23:00 local.
		const late = place(timed('2026-03-10T13:30:00Z', '2026-03-10T15:00:00Z'), gridTop);
		expect(late?.top).toBe(870);
		expect(late && late.top + late.height).toBe(GRID_MINUTES);
		// 05:00–06:00 local, teardown until 06:30: not on the grid.
		expect(place(timed('2026-03-09T21:00:00Z', '2026-03-09T22:00:00Z'), gridTop)).toBeNull();
	});
	it('a meeting ended early is drawn until it ended', () => {
		const b = timed('2026-03-10T01:00:00Z', '2026-03-10T03:00:00Z', {
			endedAt: '2026-03-10T01:30:00Z'
		});
		expect(place(b, gridTop)?.height).toBe(30);
	});
});

describe('AV check due', () => {
	const b = timed('2026-03-10T06:00:00Z', '2026-03-10T07:00:00Z');
	const at = (iso: string) => Date.parse(iso);
	const policy = { avLeadMin: 30 };
	it('from the lead before the start until the start', () => {
		expect(avDue(b, at('2026-03-10T05:29:00Z'), policy)).toBe(false);
		expect(avDue(b, at('2026-03-10T05:30:00Z'), policy)).toBe(true);
		expect(avDue(b, at('2026-03-10T05:59:00Z'), policy)).toBe(true);
		expect(avDue(b, at('2026-03-10T06:00:00Z'), policy)).toBe(false);
	});
	it('not once the check passed, still after it failed, never for a cancelled booking', () => {
		const now = at('2026-03-10T05:45:00Z');
		expect(avDue({ ...b, avCheck: { ...b.avCheck, status: 'passed' } }, now, policy)).toBe(false);
		expect(avDue({ ...b, avCheck: { ...b.avCheck, status: 'failed' } }, now, policy)).toBe(true);
		expect(avDue({ ...b, status: 'cancelled' }, now, policy)).toBe(false);
	});
});

describe('small figures', () => {
	it('a meeting is live between its start and its end', () => {
		const b = timed('2026-03-10T06:00:00Z', '2026-03-10T07:00:00Z');
		expect(isLive(b, Date.parse('2026-03-10T06:30:00Z'))).toBe(true);
		expect(isLive(b, Date.parse('2026-03-10T07:00:00Z'))).toBe(false);
	});
	it('averages scores to one decimal', () => {
		expect(averageScore([])).toBeNull();
		expect(averageScore([{ score: 5 }, { score: 4 }, { score: 4 }])).toBe(4.3);
	});
});

describe('an hour’s “book here” link', () => {
	it('is the whole hour when nothing is booked in it', () => {
		expect(freePiece([], 600)).toEqual({ top: 600, height: 60 });
	});
	it('is what a meeting leaves of the hour, the larger side when it sits in the middle', () => {
		expect(freePiece([{ top: 580, height: 40 }], 600)).toEqual({ top: 620, height: 40 });
		expect(freePiece([{ top: 610, height: 10 }], 600)).toEqual({ top: 620, height: 40 });
	});
	it('is not offered when what is left is too small to tap (under 24 px)', () => {
		expect(freePiece([{ top: 590, height: 50 }], 600)).toBeNull();
		expect(
			freePiece(
				[
					{ top: 600, height: 20 },
					{ top: 640, height: 20 }
				],
				600
			)
		).toBeNull();
	});
});
