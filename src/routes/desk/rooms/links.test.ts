import { describe, expect, it } from 'vitest';
import { actionUrl, query } from './links';

describe('rooms page links', () => {
	const here = new URLSearchParams('day=2026-03-10&view=week&id=b1&edit=1');
	it('keep the day and view and close the panel', () => {
		expect(query(here)).toBe('day=2026-03-10&view=week');
	});
	it('open another panel or change the day', () => {
		expect(query(here, { id: 'b2' })).toBe('day=2026-03-10&view=week&id=b2');
		expect(query(here, { day: '2026-03-11', view: null })).toBe('day=2026-03-11');
	});
	it('form actions keep the whole query', () => {
		expect(actionUrl(here, 'cancel')).toBe('?day=2026-03-10&view=week&id=b1&edit=1&/cancel');
		expect(actionUrl(new URLSearchParams(), 'create')).toBe('?/create');
	});
});
