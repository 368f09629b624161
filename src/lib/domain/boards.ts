/** The wall boards Foyer can show. A screen picks one by its URL: /display/<board>. */
export const BOARDS = ['notices', 'queue', 'workorders', 'backoffice', 'rooms', 'room'] as const;
export type Board = (typeof BOARDS)[number];

/** Boards with full detail (names, free text): only on screens paired as back-office. */
export const BACK_OFFICE_BOARDS: readonly Board[] = ['backoffice'];

export function isBoard(value: string): value is Board {
	return (BOARDS as readonly string[]).includes(value);
}
