import { describe, expect, it } from 'vitest';
import { ACTIONS, STATUSES, canClose, nextStatus, type Action, type Status } from './work-order';

/**
 * The whole table written out by hand, status by status: every move not listed here must be
 * refused. (Kept apart from TRANSITIONS on purpose: a slip in one shows up against the other.)
 */
const ALLOWED: Record<Status, Partial<Record<Action, Status>>> = {
	submitted: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled', note: 'submitted' },
	accepted: {
		dispatch: 'dispatched',
		resolve: 'resolved',
		cancel: 'cancelled',
		note: 'accepted'
	},
	dispatched: {
		dispatch: 'dispatched',
		start: 'inProgress',
		hold: 'onHold',
		resolve: 'resolved',
		cancel: 'cancelled',
		note: 'dispatched'
	},
	inProgress: { hold: 'onHold', resolve: 'resolved', note: 'inProgress' },
	onHold: {
		dispatch: 'dispatched',
		resume: 'inProgress',
		cancel: 'cancelled',
		note: 'onHold'
	},
	resolved: { followUp: 'followedUp', close: 'closed', note: 'resolved' },
	followedUp: { close: 'closed', note: 'followedUp' },
	closed: {},
	rejected: {},
	cancelled: {}
};

describe('work-order transitions', () => {
	for (const status of STATUSES) {
		for (const action of ACTIONS) {
			const expected = ALLOWED[status][action] ?? null;
			it(`${action} from ${status} ${expected ? `→ ${expected}` : 'is refused'}`, () => {
				expect(nextStatus(status, action)).toBe(expected);
			});
		}
	}

	it('closes a complaint only after its follow-up call', () => {
		expect(canClose({ category: 'complaint', status: 'resolved' })).toBe(false);
		expect(canClose({ category: 'complaint', status: 'followedUp' })).toBe(true);
		expect(canClose({ category: 'repair', status: 'resolved' })).toBe(true);
		expect(canClose({ category: 'repair', status: 'inProgress' })).toBe(false);
	});
});
