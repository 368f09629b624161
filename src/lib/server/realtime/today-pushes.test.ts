import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TodayOverview } from '$lib/domain/today';
import type { DeskNs, DeskSocket } from './namespaces';
import { THROTTLE_MS, TodayPushes } from './today-pushes';

/** A desk namespace with `members` sockets in the overview room, recording what it emits. */
function fakeNs(members: number) {
	const emitted: TodayOverview[] = [];
	const ns = {
		adapter: { rooms: new Map([['overview', { size: members }]]) },
		to: () => ({ emit: (_e: string, o: TodayOverview) => emitted.push(o) })
	};
	return { ns: ns as unknown as DeskNs, emitted };
}

/** An overview whose only moving figure is the waiting count. */
function overview(waiting: number): TodayOverview {
	return { at: new Date().toISOString(), queue: { waitingTotal: waiting } } as TodayOverview;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('today overview pushes', () => {
	it('folds a burst of changes into one push, then at most one per 500 ms', async () => {
		const { ns, emitted } = fakeNs(1);
		let waiting = 0;
		const compute = vi.fn(() => Promise.resolve(overview(++waiting)));
		const pushes = new TodayPushes(ns, compute, () => {});
		for (let i = 0; i < 10; i++) pushes.changed();
		await vi.advanceTimersByTimeAsync(150);
		expect(compute).toHaveBeenCalledTimes(1);
		expect(emitted).toHaveLength(1);

		// Right after a push, the next change waits out the rest of the 500 ms.
		pushes.changed();
		await vi.advanceTimersByTimeAsync(THROTTLE_MS - 200);
		expect(emitted).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(200);
		expect(emitted).toHaveLength(2);
		pushes.close();
	});

	it('sends nothing when no figure changed, or when no allowed desk listens', async () => {
		const same = fakeNs(1);
		const pushes = new TodayPushes(
			same.ns,
			() => Promise.resolve(overview(3)),
			() => {}
		);
		pushes.changed();
		await vi.advanceTimersByTimeAsync(THROTTLE_MS + 100);
		pushes.changed();
		await vi.advanceTimersByTimeAsync(THROTTLE_MS + 100);
		// Only `at` moved: one push.
		expect(same.emitted).toHaveLength(1);
		pushes.close();

		const empty = fakeNs(0);
		const compute = vi.fn(() => Promise.resolve(overview(1)));
		const idle = new TodayPushes(empty.ns, compute, () => {});
		idle.changed();
		await vi.advanceTimersByTimeAsync(THROTTLE_MS + 100);
		expect(compute).not.toHaveBeenCalled();
		idle.close();
	});

	it('recomputes every minute as waits and SLAs move, with no event at all', async () => {
		const { ns, emitted } = fakeNs(1);
		let waiting = 0;
		const pushes = new TodayPushes(
			ns,
			() => Promise.resolve(overview(++waiting)),
			() => {}
		);
		const stop = pushes.startClock();
		await vi.advanceTimersByTimeAsync(60_000 + 200);
		expect(emitted).toHaveLength(1);
		stop();
		pushes.close();
	});

	it('leaves the minute to the process that runs the clock (no clock started, no push)', async () => {
		const { ns, emitted } = fakeNs(1);
		const pushes = new TodayPushes(
			ns,
			() => Promise.resolve(overview(1)),
			() => {}
		);
		await vi.advanceTimersByTimeAsync(60_000 + 200);
		expect(emitted).toHaveLength(0);
		pushes.close();
	});

	it('lets only a desk whose person may see it join, and sends it the overview at once', async () => {
		const { ns } = fakeNs(1);
		const pushes = new TodayPushes(
			ns,
			() => Promise.resolve(overview(2)),
			() => {}
		);
		const desk = (roles: string[]) => {
			const socket = {
				data: { session: { staff: { roles } } },
				join: vi.fn(),
				emit: vi.fn()
			};
			pushes.deskConnected(socket as unknown as DeskSocket);
			return socket;
		};
		const manager = desk(['manager']);
		const admin = desk(['admin']);
		const frontdesk = desk(['frontdesk', 'cashier']);
		await vi.advanceTimersByTimeAsync(0);
		expect(manager.join).toHaveBeenCalledWith('overview');
		expect(manager.emit).toHaveBeenCalledWith('overview:today', expect.anything());
		expect(admin.join).toHaveBeenCalledWith('overview');
		expect(frontdesk.join).not.toHaveBeenCalled();
		expect(frontdesk.emit).not.toHaveBeenCalled();
		pushes.close();
	});
});
