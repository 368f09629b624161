import { describe, expect, it } from 'vitest';
import type { Role } from '$lib/domain/staff';
import type { Category, Status } from '$lib/domain/work-order';
import { allowedActions } from './allowed';

const who = (id: string, ...roles: Role[]) => ({ id, roles });
const order = (
	status: Status,
	category: Category = 'repair',
	technicianId: string | null = null
) => ({
	status,
	category,
	technicianId
});

describe('the action buttons an order shows', () => {
	it('a dispatcher triages a new report: accept, reject, cancel or note', () => {
		expect(allowedActions(order('submitted'), who('d1', 'dispatcher'))).toEqual([
			'accept',
			'reject',
			'cancel',
			'note'
		]);
	});

	it('a technician works only the orders dispatched to them', () => {
		const mine = order('dispatched', 'repair', 't1');
		expect(allowedActions(mine, who('t1', 'technician'))).toEqual([
			'start',
			'hold',
			'resolve',
			'note'
		]);
		expect(allowedActions(mine, who('t2', 'technician'))).toEqual([]);
	});

	it('front-desk staff may look but not act', () => {
		expect(allowedActions(order('submitted'), who('f1', 'frontdesk'))).toEqual([]);
	});

	it('a complaint shows no close button before its follow-up call', () => {
		const d = who('d1', 'dispatcher');
		expect(allowedActions(order('resolved', 'complaint'), d)).toEqual(['followUp', 'note']);
		expect(allowedActions(order('followedUp', 'complaint'), d)).toEqual(['close', 'note']);
		expect(allowedActions(order('resolved', 'repair'), d)).toEqual(['followUp', 'close', 'note']);
	});

	it('an admin may do everything the table allows, on anyone’s order', () => {
		expect(allowedActions(order('onHold', 'repair', 't1'), who('a1', 'admin'))).toEqual([
			'dispatch',
			'resume',
			'cancel',
			'note'
		]);
	});

	it('nothing happens to a finished order', () => {
		expect(allowedActions(order('closed'), who('a1', 'admin'))).toEqual([]);
	});
});
