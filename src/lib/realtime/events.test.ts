import { describe, expect, it } from 'vitest';
import { receive, type PublicSnapshot } from './events';
import { deliver } from './push-order';

const base: PublicSnapshot = {
	epoch: 'e1',
	version: 4,
	serverTime: '2026-11-26T01:00:00Z',
	site: { name: '翠湖花园', timeZone: 'Asia/Shanghai', ready: true, buildings: [] },
	notices: [{ id: 'n1', level: 'normal', title: '旧公告', body: '', at: '2026-11-25T01:00:00Z' }],
	queue: { waiting: { fees: 0, repairs: 0, affairs: 0, consult: 0 }, calls: [] },
	workOrders: {
		orders: [],
		complaints: { open: 0, today: 0 },
		today: { submitted: 0, resolved: 0, open: 0, overdue: 0 }
	},
	rooms: { rooms: [] }
};
const notice = { id: 'n2', level: 'urgent', title: '停水', body: '', at: '2026-11-26T01:00:00Z' };

describe('a screen receiving pushes', () => {
	it('applies the next version', () => {
		const r = receive(base, 'notice:published', { ...notice, epoch: 'e1', version: 5 });
		expect(r).not.toBe('early');
		const state = (r as { apply: PublicSnapshot }).apply;
		expect(state.version).toBe(5);
		expect(state.notices.map((n) => n.id)).toEqual(['n2', 'n1']);
	});
	it('holds a push whose predecessor has not come yet', () => {
		expect(receive(base, 'notice:published', { ...notice, epoch: 'e1', version: 6 })).toBe('early');
	});
	it('applies a push from another process of a cluster, whatever its version, and counts it apart', () => {
		// A desk change made on another process reaches this screen through the adapter.
		const r = receive(base, 'notice:published', { ...notice, epoch: 'e2', version: 17 });
		const state = (r as { apply: PublicSnapshot }).apply;
		expect(state.notices.map((n) => n.id)).toEqual(['n2', 'n1']);
		expect(state).toMatchObject({ epoch: 'e1', version: 4, origins: { e2: 17 } });
		// Its next push follows; one it already has is not applied twice; a gap waits.
		const cleared = { id: 'n2', epoch: 'e2', version: 18 };
		expect(
			(receive(state, 'notice:cleared', cleared) as { apply: PublicSnapshot }).apply.notices
		).toEqual(base.notices);
		expect(receive(state, 'notice:cleared', { ...cleared, version: 17 })).toBe('seen');
		expect(receive(state, 'notice:cleared', { ...cleared, version: 19 })).toBe('early');
		// The snapshot's own process still counts on its own.
		expect(receive(state, 'notice:cleared', { id: 'n1', epoch: 'e1', version: 5 })).not.toBe(
			'early'
		);
	});
	it('ignores a push it has already applied', () => {
		expect(receive(base, 'notice:cleared', { id: 'n1', epoch: 'e1', version: 4 })).toBe('seen');
	});
	it('keeps the call a queue push carried, so a board flashes for a recall at any counter', () => {
		const queue = { waiting: { fees: 0, repairs: 0, affairs: 0, consult: 0 }, calls: [] };
		const call = {
			label: 'A003',
			service: 'fees',
			counter: 2,
			at: '2026-11-26T01:10:00Z',
			recalls: 1
		};
		const called = receive(base, 'queue:updated', { queue, call, epoch: 'e1', version: 5 });
		const state = (called as { apply: PublicSnapshot }).apply;
		// Marked with the screen's count of applied pushes: unique even across processes.
		expect(state.lastCall).toEqual({ ...call, version: 1 });
		// A change that is not a call (a ticket taken, a transfer) keeps the last call.
		const taken = receive(state, 'queue:updated', { queue, call: null, epoch: 'e1', version: 6 });
		expect((taken as { apply: PublicSnapshot }).apply.lastCall).toEqual({ ...call, version: 1 });
		// The same call made again on another process, with the same version there: a new mark.
		const next = (taken as { apply: PublicSnapshot }).apply;
		const again = receive(next, 'queue:updated', { queue, call, epoch: 'e2', version: 5 });
		expect((again as { apply: PublicSnapshot }).apply.lastCall).toEqual({ ...call, version: 3 });
	});

	it('takes a notice down and renames the site', () => {
		const cleared = receive(base, 'notice:cleared', { id: 'n1', epoch: 'e1', version: 5 });
		expect((cleared as { apply: PublicSnapshot }).apply.notices).toEqual([]);
		const site = { name: '新名字', timeZone: 'Asia/Shanghai', ready: true, buildings: [] };
		const renamed = receive(base, 'site:updated', { ...site, epoch: 'e1', version: 5 });
		expect((renamed as { apply: PublicSnapshot }).apply.site).toEqual(site);
	});
});

const published = (id: string, epoch: string, version: number) => ({
	event: 'notice:published',
	payload: { ...notice, id, title: id, epoch, version }
});

describe('pushes from several processes on one screen (push-order.ts)', () => {
	it('holds a push that overtook its predecessor and applies both, in order, when it comes', () => {
		// Process p2's push 6 (small) overtook its push 5 (large, through the adapter's table).
		const first = deliver(base, [], published('a', 'p2', 5));
		const early = deliver(first.state, first.held, published('c', 'p2', 7));
		expect(early.held).toHaveLength(1);
		expect(early.state.notices.map((n) => n.id)).toEqual(['a', 'n1']);
		const done = deliver(early.state, early.held, published('b', 'p2', 6));
		expect(done.held).toEqual([]);
		expect(done.state.notices.map((n) => n.id)).toEqual(['c', 'b', 'a', 'n1']);
		expect(done.state.origins).toEqual({ p2: 7 });
	});

	it('interleaves two processes without holding either, and ignores a repeat', () => {
		let s = deliver(base, [], published('a', 'e1', 5));
		s = deliver(s.state, s.held, published('b', 'p2', 40));
		s = deliver(s.state, s.held, published('c', 'e1', 6));
		s = deliver(s.state, s.held, published('d', 'p2', 41));
		const repeat = deliver(s.state, s.held, published('d', 'p2', 41));
		expect(repeat.state).toBe(s.state);
		expect(s.held).toEqual([]);
		expect(s.state.notices.map((n) => n.id)).toEqual(['d', 'c', 'b', 'a', 'n1']);
		expect(s.state).toMatchObject({ version: 6, origins: { p2: 41 }, applied: 4 });
	});
});
