import { describe, expect, it } from 'vitest';
import type { SlaView } from '$lib/domain/work-order-sla';
import {
	byNumber,
	defaultFilter,
	filterOf,
	inList,
	newestFirst,
	slaFilterOf,
	unitIdOf,
	urgentFirst
} from './lists';

const ctx = { viewerId: 't1', today: '2026-11-26', timeZone: 'Asia/Shanghai' };
const at = '2026-11-26T02:00:00Z'; // 10:00 in Shanghai

describe('work-order lists', () => {
	it('a technician starts on their own orders, everyone else on the open ones', () => {
		expect(defaultFilter(['technician'])).toBe('mine');
		expect(defaultFilter(['technician', 'dispatcher'])).toBe('open');
		expect(defaultFilter(['frontdesk'])).toBe('open');
		expect(filterOf('today', ['technician'])).toBe('today');
		expect(filterOf('nonsense', ['manager'])).toBe('open');
	});

	it('open leaves out finished orders; mine is open and dispatched to me', () => {
		const o = (status: 'dispatched' | 'closed', technicianId: string | null) => ({
			status,
			technicianId,
			at,
			category: 'repair' as const
		});
		expect(inList('open', o('dispatched', null), ctx)).toBe(true);
		expect(inList('open', o('closed', null), ctx)).toBe(false);
		expect(inList('mine', o('dispatched', 't1'), ctx)).toBe(true);
		expect(inList('mine', o('dispatched', 't2'), ctx)).toBe(false);
		expect(inList('mine', o('closed', 't1'), ctx)).toBe(false);
	});

	it('today is the calendar day in the site’s time zone, not the server’s', () => {
		// 23:30 UTC on the 25th is 07:30 on the 26th in Shanghai.
		const early = {
			status: 'closed' as const,
			technicianId: null,
			at: '2026-11-25T23:30:00Z',
			category: 'repair' as const
		};
		expect(inList('today', early, ctx)).toBe(true);
		expect(inList('today', { ...early, at: '2026-11-25T15:59:00Z' }, ctx)).toBe(false);
	});

	it('the follow-up list holds resolved complaints only: they cannot close before the call', () => {
		const o = (status: 'resolved' | 'followedUp', category: 'complaint' | 'repair') => ({
			status,
			category,
			technicianId: null,
			at
		});
		expect(inList('followUp', o('resolved', 'complaint'), ctx)).toBe(true);
		expect(inList('followUp', o('followedUp', 'complaint'), ctx)).toBe(false);
		expect(inList('followUp', o('resolved', 'repair'), ctx)).toBe(false);
		expect(filterOf('followUp', ['manager'])).toBe('followUp');
	});

	it('an open list narrows to one SLA state only for a known state', () => {
		expect(slaFilterOf('overdue')).toBe('overdue');
		expect(slaFilterOf('dueSoon')).toBe('dueSoon');
		expect(slaFilterOf('late')).toBeNull();
		expect(slaFilterOf(null)).toBeNull();
	});

	it('finds a number by its digits however it was typed', () => {
		const orders = [{ number: '261126003' }, { number: '261125013' }];
		expect(byNumber(orders, '261126-003')).toEqual([{ number: '261126003' }]);
		expect(byNumber(orders, '013')).toEqual([{ number: '261125013' }]);
		expect(byNumber(orders, 'abc')).toEqual([]);
	});

	it('puts overdue first, then due soon, oldest first, finished work last', () => {
		const row = (id: string, state: SlaView['state'], phase: SlaView['phase'], h: number) => ({
			id,
			at: `2026-11-26T0${h}:00:00Z`,
			sla: { state, phase }
		});
		const list = [
			row('done', 'overdue', 'done', 1),
			row('ok-old', 'ok', 'resolution', 2),
			row('soon', 'dueSoon', 'response', 5),
			row('late', 'overdue', 'resolution', 6),
			row('ok-new', 'ok', 'response', 3)
		];
		expect(urgentFirst(list).map((r) => r.id)).toEqual([
			'late',
			'soon',
			'ok-old',
			'ok-new',
			'done'
		]);
		expect(newestFirst(list).map((r) => r.id)[0]).toBe('late');
	});

	it('reads a unit typed the way people say it', () => {
		expect(unitIdOf('1-2-301')).toBe('1-2-301');
		expect(unitIdOf(' 1栋2单元301 ')).toBe('1-2-301');
		expect(unitIdOf('1/2/301')).toBe('1-2-301');
		expect(unitIdOf('')).toBe('');
	});
});
