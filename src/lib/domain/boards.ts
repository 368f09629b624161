/** The wall boards Foyer can show. A screen picks one by its URL: /display/<board>. */
export const BOARDS = ['notices', 'queue'] as const;
export type Board = (typeof BOARDS)[number];

export function isBoard(value: string): value is Board {
	return (BOARDS as readonly string[]).includes(value);
}
