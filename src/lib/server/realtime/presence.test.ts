import { afterEach, describe, expect, it } from 'vitest';
import {
	PRESENCE_TIMEOUT_MS,
	ScreenPresence,
	type PresenceChannel,
	type ProcessScreens
} from './presence';

/** Processes on one adapter: what one emits reaches every other, never itself. */
function bus() {
	const members: Map<string, (...args: never[]) => void>[] = [];
	return (): PresenceChannel => {
		const listeners = new Map<string, (...args: never[]) => void>();
		members.push(listeners);
		return {
			serverSideEmit: (event, ...args) => {
				for (const m of members) {
					if (m !== listeners) (m.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args);
				}
			},
			on: (event, listener) => listeners.set(event, listener)
		};
	};
}

describe('ScreenPresence', () => {
	let now = 0;
	const made: ScreenPresence[] = [];
	afterEach(() => made.splice(0).forEach((p) => p.close()));

	function processOf(join: () => PresenceChannel, own: ProcessScreens) {
		const changes: boolean[] = [];
		const presence = new ScreenPresence({
			channel: join(),
			local: () => own,
			changed: (devices) => changes.push(devices),
			now: () => now
		});
		made.push(presence);
		return { presence, own, changes };
	}

	it("adds the other processes' sockets and knows their screens, as they say them", () => {
		const join = bus();
		const a = processOf(join, { from: 'a', public: 2, desk: 1, devices: ['kiosk-1'] });
		// b asks when it starts: a answers at once.
		const b = processOf(join, { from: 'b', public: 1, desk: 0, devices: ['board-1'] });
		expect(b.presence.clients({ public: 1, desk: 0 })).toEqual({ public: 3, desk: 1 });
		expect(b.presence.connectedElsewhere('kiosk-1')).toBe(true);
		expect(a.presence.connectedElsewhere('board-1')).toBe(false);
		a.presence.publish();
		b.presence.publish();
		expect(a.presence.connectedElsewhere('board-1')).toBe(true);
		expect(a.changes).toEqual([true]);

		// The board leaves b: a hears it when b next speaks.
		b.own.devices = [];
		b.own.public = 0;
		b.presence.publish();
		expect(a.presence.connectedElsewhere('board-1')).toBe(false);
		expect(a.presence.clients({ public: 2, desk: 1 })).toEqual({ public: 2, desk: 1 });
		expect(a.changes).toEqual([true, true]);
		// Saying the same again changes nothing.
		b.presence.publish();
		expect(a.changes).toHaveLength(2);
	});

	it('forgets a process that stopped at once, and one killed after the timeout', () => {
		const join = bus();
		const a = processOf(join, { from: 'a', public: 0, desk: 1, devices: [] });
		const b = processOf(join, { from: 'b', public: 1, desk: 0, devices: ['board-1'] });
		const c = processOf(join, { from: 'c', public: 1, desk: 0, devices: ['kiosk-9'] });
		b.presence.publish();
		c.presence.publish();
		expect(a.presence.clients({ public: 0, desk: 1 })).toEqual({ public: 2, desk: 1 });
		b.presence.close();
		expect(a.presence.connectedElsewhere('board-1')).toBe(false);
		// c says nothing more (killed): it counts until the timeout, then no longer.
		now += PRESENCE_TIMEOUT_MS - 1;
		expect(a.presence.connectedElsewhere('kiosk-9')).toBe(true);
		now += 2;
		expect(a.presence.connectedElsewhere('kiosk-9')).toBe(false);
		expect(a.presence.clients({ public: 0, desk: 1 })).toEqual({ public: 0, desk: 1 });
	});

	it('ignores what does not read as a process', () => {
		const join = bus();
		const a = processOf(join, { from: 'a', public: 0, desk: 0, devices: [] });
		join().serverSideEmit('presence', { from: 'x', public: -1, desk: 0, devices: [] });
		join().serverSideEmit('presence', 'nonsense');
		expect(a.presence.clients({ public: 0, desk: 0 })).toEqual({ public: 0, desk: 0 });
		expect(a.changes).toEqual([]);
	});

	it('is only this process without a channel', () => {
		const alone = new ScreenPresence({
			channel: null,
			local: () => ({ from: 'a', public: 1, desk: 0, devices: ['k'] }),
			changed: () => {}
		});
		alone.publish();
		expect(alone.clients({ public: 1, desk: 0 })).toEqual({ public: 1, desk: 0 });
		expect(alone.connectedElsewhere('k')).toBe(false);
		alone.close();
	});
});
