import { describe, expect, it } from 'vitest';
import { receive, type PublicSnapshot } from './events';

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
		expect(r).not.toBe('resync');
		const state = (r as { apply: PublicSnapshot }).apply;
		expect(state.version).toBe(5);
		expect(state.notices.map((n) => n.id)).toEqual(['n2', 'n1']);
	});
	it('re-syncs when it missed a version', () => {
		expect(receive(base, 'notice:published', { ...notice, epoch: 'e1', version: 6 })).toBe(
			'resync'
		);
	});
	it('re-syncs after the server restarted (new epoch), whatever the version', () => {
		expect(receive(base, 'notice:cleared', { id: 'n1', epoch: 'e2', version: 1 })).toBe('resync');
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
		expect(state.lastCall).toEqual({ ...call, version: 5 });
		// A change that is not a call (a ticket taken, a transfer) keeps the last call.
		const taken = receive(state, 'queue:updated', { queue, call: null, epoch: 'e1', version: 6 });
		expect((taken as { apply: PublicSnapshot }).apply.lastCall).toEqual({ ...call, version: 5 });
	});

	it('takes a notice down and renames the site', () => {
		const cleared = receive(base, 'notice:cleared', { id: 'n1', epoch: 'e1', version: 5 });
		expect((cleared as { apply: PublicSnapshot }).apply.notices).toEqual([]);
		const site = { name: '新名字', timeZone: 'Asia/Shanghai', ready: true, buildings: [] };
		const renamed = receive(base, 'site:updated', { ...site, epoch: 'e1', version: 5 });
		expect((renamed as { apply: PublicSnapshot }).apply.site).toEqual(site);
	});
});
