import { describe, expect, it } from 'vitest';
import type { PublicSnapshot } from './events';
import { deliver } from './push-order';

const base: PublicSnapshot = {
	epoch: 'p1',
	version: 10,
	serverTime: '2026-11-26T01:00:00Z',
	site: { name: '翠湖花园', timeZone: 'Asia/Shanghai', ready: true, buildings: [] },
	notices: [],
	queue: { waiting: { fees: 0, repairs: 0, affairs: 0, consult: 0 }, calls: [] },
	workOrders: {
		orders: [],
		complaints: { open: 0, today: 0 },
		today: { submitted: 0, resolved: 0, open: 0, overdue: 0 }
	},
	rooms: { rooms: [] }
};
const notice = (id: string, epoch: string, version: number) => ({
	event: 'notice:published',
	payload: { id, level: 'normal', title: id, body: '', at: '2026-11-26T01:00:00Z', epoch, version }
});

describe('pushes from several processes on one screen', () => {
	it('holds a push that overtook its predecessor and applies both, in order, when it comes', () => {
		// Process p2's push 6 (small) overtook its push 5 (large, through the adapter's table).
		const first = deliver(base, [], notice('a', 'p2', 5));
		const early = deliver(first.state, first.held, notice('c', 'p2', 7));
		expect(early.held).toHaveLength(1);
		expect(early.state.notices.map((n) => n.id)).toEqual(['a']);
		const done = deliver(early.state, early.held, notice('b', 'p2', 6));
		expect(done.held).toEqual([]);
		expect(done.state.notices.map((n) => n.id)).toEqual(['c', 'b', 'a']);
		expect(done.state.origins).toEqual({ p2: 7 });
	});

	it('interleaves two processes without holding either, and ignores a repeat', () => {
		let s = deliver(base, [], notice('a', 'p1', 11));
		s = deliver(s.state, s.held, notice('b', 'p2', 40));
		s = deliver(s.state, s.held, notice('c', 'p1', 12));
		s = deliver(s.state, s.held, notice('d', 'p2', 41));
		const repeat = deliver(s.state, s.held, notice('d', 'p2', 41));
		expect(repeat.state).toBe(s.state);
		expect(s.held).toEqual([]);
		expect(s.state.notices.map((n) => n.id)).toEqual(['d', 'c', 'b', 'a']);
		expect(s.state).toMatchObject({ version: 12, origins: { p2: 41 }, applied: 4 });
	});
});
