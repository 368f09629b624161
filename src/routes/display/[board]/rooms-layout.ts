/**
 * How the rooms board lays out its tiles: every room at once while they fit, in as few rows
 * as keep the tiles wide enough to read at 3 m, the tiles as large as the count allows. Only
 * past MAX_TILES rooms do pages take turns.
 */

/** The most tiles on one 1080p screen that still carry ≥ 32 px secondary text (3 × 3). */
export const MAX_TILES = 9;

export interface RoomsLayout {
	columns: number;
	rows: number;
	/** Tiles on one page (the last page may hold fewer). */
	perPage: number;
}

/** Columns and rows for `count` rooms: 1 → 1×1, 2 → 2×1, 3 → 3×1, 4 → 2×2, 5–6 → 3×2, 7+ → 3×3. */
export function roomsLayout(count: number): RoomsLayout {
	const perPage = Math.max(1, Math.min(count, MAX_TILES));
	const columns = perPage === 4 ? 2 : Math.min(perPage, 3);
	return { columns, rows: Math.ceil(perPage / columns), perPage };
}
