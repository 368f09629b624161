import { endOf, heldSpan, isActive, type Booking, type RoomPolicy } from '$lib/domain/booking';

/** The day grid spans 07:00–22:00 local time, in minutes after midnight. */
export const GRID_FROM_MIN = 7 * 60;
export const GRID_TO_MIN = 22 * 60;
export const GRID_MINUTES = GRID_TO_MIN - GRID_FROM_MIN;

/** Where a booking sits on a day grid, in minutes from the grid's top, clipped to it. */
export interface Placement {
	top: number;
	height: number;
	/** The held span: setup before and teardown after, drawn lighter. */
	heldTop: number;
	heldHeight: number;
}

type Timed = Pick<Booking, 'start' | 'end' | 'setupMin' | 'teardownMin' | 'endedAt'>;

/**
 * A booking's block on the grid whose top (07:00 that day) is the instant `gridTop`; null when
 * its held span misses the grid. Positions come from instants, so a meeting ended early is
 * drawn only as long as it held the room.
 */
export function place(b: Timed, gridTop: number): Placement | null {
	const minutes = (t: number) => (t - gridTop) / 60_000;
	const clip = (m: number) => Math.min(GRID_MINUTES, Math.max(0, m));
	const [held0, held1] = heldSpan(b).map(minutes) as [number, number];
	if (held1 <= 0 || held0 >= GRID_MINUTES) return null;
	const top = clip(minutes(Date.parse(b.start)));
	const bottom = clip(minutes(endOf(b)));
	return {
		top,
		height: bottom - top,
		heldTop: clip(held0),
		heldHeight: clip(held1) - clip(held0)
	};
}

/**
 * The AV check is due: the booking still holds its room, starts within `avLeadMin`, has not
 * started yet and its check has not passed (a failed check stays due until it passes).
 */
export function avDue(
	b: Pick<Booking, 'status' | 'start' | 'avCheck'>,
	now: number,
	policy: Pick<RoomPolicy, 'avLeadMin'>
): boolean {
	const start = Date.parse(b.start);
	return (
		isActive(b) &&
		b.avCheck.status !== 'passed' &&
		now >= start - policy.avLeadMin * 60_000 &&
		now < start
	);
}

/** The meeting is on now (booked, between its start and its end). */
export function isLive(b: Pick<Booking, 'status' | 'start' | 'end' | 'endedAt'>, now: number) {
	return isActive(b) && Date.parse(b.start) <= now && now < endOf(b);
}

/** Mean of the feedback scores to one decimal, or null without any. */
export function averageScore(feedback: readonly { score: number }[]): number | null {
	if (!feedback.length) return null;
	const sum = feedback.reduce((s, f) => s + f.score, 0);
	return Math.round((sum / feedback.length) * 10) / 10;
}

/** The smallest strip (minutes = px at the grid's scale) left as a link: WCAG's 24 px target. */
export const MIN_SLOT_MINUTES = 24;

/**
 * The part of the hour starting `hourTop` (minutes from the grid's top) that no booking covers,
 * as the hour's "book here" link: its largest free piece, or null when what is left is too small
 * to tap (a sliver beside a meeting is booked from the form, not by aiming at it).
 */
export function freePiece(
	blocks: readonly { top: number; height: number }[],
	hourTop: number
): { top: number; height: number } | null {
	let pieces = [{ from: hourTop, to: hourTop + 60 }];
	for (const b of blocks) {
		const bFrom = b.top;
		const bTo = b.top + b.height;
		pieces = pieces.flatMap((p) =>
			bTo <= p.from || bFrom >= p.to
				? [p]
				: [
						{ from: p.from, to: Math.max(p.from, bFrom) },
						{ from: Math.min(p.to, bTo), to: p.to }
					].filter((q) => q.to > q.from)
		);
	}
	const best = pieces.reduce<{ from: number; to: number } | null>(
		(a, p) => (!a || p.to - p.from > a.to - a.from ? p : a),
		null
	);
	return best && best.to - best.from >= MIN_SLOT_MINUTES
		? { top: best.from, height: best.to - best.from }
		: null;
}
