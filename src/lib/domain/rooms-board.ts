import { endOf, roomState, type Booking, type RoomPolicy, type RoomState } from './booking';
import type { Room } from './site';

/** A meeting as public screens show it: a private one has no title. */
export interface PublicMeeting {
	id: string;
	/** null when the booking is private. */
	title: string | null;
	organization: string;
	welcome: string;
	start: string;
	end: string;
	attendees: number;
	checkedIn: number;
	/** The host started it at the door (it is never released as a no-show then). */
	started: boolean;
	vip: boolean;
}

export interface PublicRoom {
	id: string;
	name: string;
	nameEn?: string | undefined;
	floor: string;
	capacity: number;
	state: RoomState;
	current: PublicMeeting | null;
	next: PublicMeeting | null;
	/** Free until the next booking's setup starts; null when free for the rest of the list. */
	freeUntil: string | null;
	/** Today's later meetings (for the door panel's list). */
	later: PublicMeeting[];
	/** A meeting that ended in the last half hour: the door panel shows its feedback QR. */
	justEnded: { id: string; feedbackToken: string } | null;
	/** The site's room timings screens need: check-in opens this long before a start, and a
	 * meeting nobody came to is released this long after it. */
	checkInOpenMin: number;
	noShowMin: number;
}

export interface PublicRoomsBoard {
	rooms: PublicRoom[];
}

function meeting(b: Booking): PublicMeeting {
	return {
		id: b.id,
		title: b.private ? null : b.title,
		organization: b.private ? '' : b.organization,
		welcome: b.private ? '' : b.welcome,
		start: b.start,
		end: b.endedAt ?? b.end,
		attendees: b.attendees,
		checkedIn: b.checkedIn,
		started: b.startedAt !== null,
		vip: b.vip
	};
}

/** The meeting that ended most recently, within the last 30 minutes, if any. */
function justEnded(bookings: readonly Booking[], now: number): PublicRoom['justEnded'] {
	const ended = bookings
		.filter((b) => b.status === 'booked' || b.status === 'ended')
		.filter((b) => {
			const end = endOf(b);
			return end <= now && now - end < 30 * 60_000;
		})
		.sort((a, b) => endOf(b) - endOf(a))[0];
	return ended ? { id: ended.id, feedbackToken: ended.feedbackToken } : null;
}

/** Every room's state now, with nothing a lobby should not show (host names, private titles). */
export function roomsBoard(
	rooms: readonly Room[],
	bookings: readonly Booking[],
	now: Date,
	policy: RoomPolicy,
	dayEnd: number
): PublicRoomsBoard {
	const t = now.getTime();
	return {
		// Deactivated rooms are not shown to guests (their bookings stay in the records).
		rooms: rooms
			.filter((room) => room.active)
			.map((room) => {
				const mine = bookings.filter((b) => b.roomId === room.id);
				const s = roomState(mine, t, policy);
				const later = mine
					.filter(
						(b) => b.status === 'booked' && Date.parse(b.start) > t && Date.parse(b.start) < dayEnd
					)
					.sort((a, b) => a.start.localeCompare(b.start))
					.slice(0, 6);
				return {
					id: room.id,
					name: room.name,
					nameEn: room.nameEn,
					floor: room.floor,
					capacity: room.capacity,
					state: s.state,
					current: s.current ? meeting(s.current) : null,
					next: s.next ? meeting(s.next) : null,
					freeUntil: s.freeUntil,
					later: later.map(meeting),
					justEnded: justEnded(mine, t),
					checkInOpenMin: policy.checkInOpenMin,
					noShowMin: policy.noShowMin
				};
			})
	};
}
