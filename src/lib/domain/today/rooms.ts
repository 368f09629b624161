import type { PublicRoomsBoard } from '../rooms-board';

/** A meeting as the overview lists it: a private meeting's title stays hidden (null). */
export interface TodayMeeting {
	id: string;
	roomId: string;
	room: string;
	roomEn: string | undefined;
	title: string | null;
	start: string;
	end: string;
}

export interface TodayRooms {
	/** Active rooms. */
	total: number;
	/** Meetings under way now, one per room in use. */
	inUse: TodayMeeting[];
	/** Today's meetings still to start, soonest first (at most `NEXT_MEETINGS`). */
	next: TodayMeeting[];
}

/** How many of the coming meetings the overview lists. */
export const NEXT_MEETINGS = 5;

/**
 * Rooms now, from the rooms board (the same one the lobby's room screens show, built with the
 * same privacy: a private meeting has no title there either).
 */
export function todayRooms(board: PublicRoomsBoard): TodayRooms {
	const inUse: TodayMeeting[] = [];
	const later: TodayMeeting[] = [];
	for (const r of board.rooms) {
		const at = { roomId: r.id, room: r.name, roomEn: r.nameEn };
		if (r.state === 'inUse' && r.current) {
			const { id, title, start, end } = r.current;
			inUse.push({ id, ...at, title, start, end });
		}
		for (const { id, title, start, end } of r.later) later.push({ id, ...at, title, start, end });
	}
	later.sort((a, b) => a.start.localeCompare(b.start));
	return { total: board.rooms.length, inUse, next: later.slice(0, NEXT_MEETINGS) };
}
