import { expect, it } from 'vitest';
import { MAX_TILES, roomsLayout } from './rooms-layout';

it('shows every room at once while they fit, in a grid that fills the screen', () => {
	expect(roomsLayout(1)).toEqual({ columns: 1, rows: 1, perPage: 1 });
	expect(roomsLayout(2)).toEqual({ columns: 2, rows: 1, perPage: 2 });
	// Three rooms side by side: never two and a page with one.
	expect(roomsLayout(3)).toEqual({ columns: 3, rows: 1, perPage: 3 });
	expect(roomsLayout(4)).toEqual({ columns: 2, rows: 2, perPage: 4 });
	expect(roomsLayout(6)).toEqual({ columns: 3, rows: 2, perPage: 6 });
	expect(roomsLayout(9)).toEqual({ columns: 3, rows: 3, perPage: 9 });
	for (let n = 1; n <= MAX_TILES; n++) expect(roomsLayout(n).perPage).toBe(n);
});

it('pages only past nine rooms, nine at a time', () => {
	expect(roomsLayout(14)).toEqual({ columns: 3, rows: 3, perPage: 9 });
	expect(roomsLayout(0).perPage).toBe(1);
});
