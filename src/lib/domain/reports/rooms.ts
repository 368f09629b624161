import { endOf, type Booking } from '../booking';
import { businessMsBetween, type BusinessHours } from '../sla';
import { rate } from '../stats';
import type { SiteTime } from './site-time';
import type { ReportPeriod, RoomFigures, RoomsFigures } from './types';

export interface RoomInput {
	period: ReportPeriod;
	time: SiteTime;
	bookings: Iterable<Booking>;
	rooms: readonly { id: string; name: string; nameEn?: string | undefined }[];
	/** The center's opening hours: what utilisation is measured against. */
	hours: BusinessHours;
	now: number;
}

type Counts = Omit<RoomFigures, 'roomId' | 'name' | 'nameEn'>;

const empty = (openMs: number): Counts => ({
	bookings: 0,
	bookedMs: 0,
	usedMs: 0,
	openMs,
	bookedRate: null,
	usedRate: null,
	cancelled: 0,
	noShows: 0,
	avChecks: 0,
	avFailures: 0,
	feedback: { count: 0, average: null, satisfied: 0 }
});

/**
 * The meeting rooms of a period (docs/reports.md "Meeting rooms"): bookings whose start falls
 * in it. Booked time is start → end; used time runs from the start (or the host's earlier
 * start at the panel) to the end or the early end, for meetings someone checked in to or
 * started; no-shows and cancelled bookings use nothing.
 */
export function roomFigures(i: RoomInput): RoomsFigures {
	const [start, end] = i.time.bounds(i.period);
	const openMs = businessMsBetween(i.hours, new Date(start), new Date(end));
	const per = new Map<string, Counts & { scoreSum: number }>();
	const of = (roomId: string) => {
		let c = per.get(roomId);
		if (!c) per.set(roomId, (c = { ...empty(openMs), scoreSum: 0 }));
		return c;
	};
	for (const r of i.rooms) of(r.id);
	for (const b of i.bookings) {
		const s = Date.parse(b.start);
		if (s < start || s >= end) continue;
		const c = of(b.roomId);
		if (b.status === 'cancelled') {
			c.cancelled++;
			continue;
		}
		c.bookings++;
		c.bookedMs += Date.parse(b.end) - s;
		if (b.status === 'released') c.noShows++;
		else c.usedMs += usedMs(b, i.now);
		if (b.avCheck.status !== 'pending') c.avChecks++;
		if (b.avCheck.status === 'failed') c.avFailures++;
		for (const f of b.feedback) {
			c.feedback.count++;
			c.scoreSum += f.score;
			if (f.score >= 4) c.feedback.satisfied++;
		}
	}
	const finish = (c: Counts & { scoreSum: number }): Counts => {
		const { scoreSum, ...rest } = c;
		return {
			...rest,
			bookedRate: rate(c.bookedMs, c.openMs),
			usedRate: rate(c.usedMs, c.openMs),
			feedback: { ...c.feedback, average: c.feedback.count ? scoreSum / c.feedback.count : null }
		};
	};
	const total = { ...empty(openMs * Math.max(1, i.rooms.length)), scoreSum: 0 };
	total.openMs = openMs * per.size;
	for (const c of per.values()) {
		for (const k of [
			'bookings',
			'bookedMs',
			'usedMs',
			'cancelled',
			'noShows',
			'avChecks',
			'avFailures'
		] as const)
			total[k] += c[k];
		total.feedback.count += c.feedback.count;
		total.feedback.satisfied += c.feedback.satisfied;
		total.scoreSum += c.scoreSum;
	}
	const room = (id: string) => i.rooms.find((r) => r.id === id);
	return {
		rooms: [...per].map(([roomId, c]) => ({
			roomId,
			name: room(roomId)?.name ?? '',
			nameEn: room(roomId)?.nameEn,
			...finish(c)
		})),
		total: finish(total)
	};
}

/** The time a meeting actually held its room, ms (0 when nobody came or it has not begun). */
export function usedMs(b: Booking, now: number): number {
	if (b.checkedIn === 0 && !b.startedAt) return 0;
	const from = b.startedAt
		? Math.min(Date.parse(b.startedAt), Date.parse(b.start))
		: Date.parse(b.start);
	const to = Math.min(endOf(b), now);
	return Math.max(0, to - from);
}
