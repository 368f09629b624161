import { z } from 'zod';
import { numeric } from './numbers';
import { scoreSchema } from './rating';
import type { ErrorKey } from '$lib/i18n';
import { LAYOUTS, type Room } from './site';

/**
 * Meeting-room bookings (会务). A booking holds its room from `start − setup` to
 * `end + teardown`; no two active bookings of one room may overlap there.
 */

export const SERVICES = ['tea', 'water', 'fruit', 'nameCards', 'photography'] as const;
export const AV_NEEDS = ['projector', 'mic', 'video', 'sound', 'led', 'tv', 'recording'] as const;

export const BOOKING_STATUSES = ['booked', 'cancelled', 'released', 'ended'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

const minutes = (max: number) => numeric().pipe(z.number().int().min(0).max(max));

/** What staff enter (desk) or a panel sends (book now). Times are ISO instants. */
export const bookingInputSchema = z
	.object({
		roomId: z.string().min(1, 'error.roomRequired'),
		title: z.string().trim().min(1, 'error.bookingTitle').max(80, 'error.bookingTitle'),
		private: z.boolean().default(false),
		host: z.string().trim().max(40).default(''),
		organization: z.string().trim().max(60).default(''),
		start: z.iso.datetime({ offset: true, error: 'error.bookingTime' }),
		end: z.iso.datetime({ offset: true, error: 'error.bookingTime' }),
		setupMin: minutes(240).default(15),
		teardownMin: minutes(240).default(15),
		attendees: numeric('error.attendees').pipe(
			z.number().int().min(1, 'error.attendees').max(2000, 'error.attendees')
		),
		layout: z.enum(LAYOUTS, { error: 'error.layout' }),
		services: z.array(z.enum(SERVICES)).default([]),
		banner: z.string().trim().max(60).default(''),
		welcome: z.string().trim().max(80).default(''),
		av: z.array(z.enum(AV_NEEDS)).default([]),
		vip: z.boolean().default(false)
	})
	.refine((b) => Date.parse(b.end) > Date.parse(b.start), {
		error: 'error.bookingOrder',
		path: ['end']
	});
export type BookingInput = z.input<typeof bookingInputSchema>;

export const avCheckSchema = z.object({
	status: z.enum(['pending', 'passed', 'failed']),
	items: z.array(z.object({ item: z.string(), ok: z.boolean() })),
	note: z.string(),
	by: z.string().nullable(),
	at: z.string().nullable(),
	/** A failed check becomes a repair work order for the room. */
	workOrderId: z.string().nullable()
});
export type AvCheck = z.infer<typeof avCheckSchema>;

export const bookingSchema = z.object({
	id: z.string(),
	at: z.string(),
	/** Six digits guests check in with at the kiosk (and the payload of the booking's QR). */
	code: z.string(),
	roomId: z.string(),
	title: z.string(),
	private: z.boolean(),
	host: z.string(),
	organization: z.string(),
	start: z.string(),
	end: z.string(),
	setupMin: z.number().int(),
	teardownMin: z.number().int(),
	attendees: z.number().int(),
	layout: z.enum(LAYOUTS),
	services: z.array(z.enum(SERVICES)),
	banner: z.string(),
	welcome: z.string(),
	av: z.array(z.enum(AV_NEEDS)),
	vip: z.boolean(),
	status: z.enum(BOOKING_STATUSES),
	/** Guests checked in (kiosk), and whether the host started it at the panel. */
	checkedIn: z.number().int(),
	startedAt: z.string().nullable(),
	endedAt: z.string().nullable(),
	avCheck: avCheckSchema,
	feedback: z.array(z.object({ score: scoreSchema, remarks: z.string(), at: z.string() })),
	/** Unguessable: the feedback QR shown after the meeting. */
	feedbackToken: z.string(),
	/** Who did what, when. */
	history: z.array(
		z.object({ at: z.string(), by: z.string().nullable(), action: z.string(), note: z.string() })
	)
});
export type Booking = z.infer<typeof bookingSchema>;

/** Whether a booking is still on (not cancelled, released or ended early): it can be acted on. */
export function isActive(b: Pick<Booking, 'status'>): boolean {
	return b.status === 'booked';
}

/** Whether a booking holds its room: while on, and an ended one until its teardown is over. */
export function holdsRoom(b: Pick<Booking, 'status'>): boolean {
	return b.status === 'booked' || b.status === 'ended';
}

/** The span a booking holds its room: setup before, teardown after (ms since epoch). */
export function heldSpan(
	b: Pick<Booking, 'start' | 'end' | 'setupMin' | 'teardownMin' | 'endedAt'>
): [number, number] {
	return [Date.parse(b.start) - b.setupMin * 60_000, endOf(b) + b.teardownMin * 60_000];
}

/** The first active booking of the same room whose held span overlaps `candidate`'s. */
export function conflictOf(
	candidate: Pick<Booking, 'roomId' | 'start' | 'end' | 'setupMin' | 'teardownMin'> & {
		id?: string;
	},
	bookings: readonly Booking[]
): Booking | undefined {
	const [s, e] = heldSpan({ ...candidate, endedAt: null });
	return bookings.find((b) => {
		if (b.id === candidate.id || b.roomId !== candidate.roomId || !holdsRoom(b)) return false;
		const [bs, be] = heldSpan(b);
		return s < be && bs < e;
	});
}

/** Attendees beyond the room's capacity, or a layout the room cannot take: the error key. */
export function roomProblem(
	input: Pick<Booking, 'attendees' | 'layout'>,
	room: Pick<Room, 'capacity' | 'layouts'>
): ErrorKey | null {
	if (input.attendees > room.capacity) return 'error.overCapacity';
	if (!room.layouts.includes(input.layout)) return 'error.layout';
	return null;
}

/** The room-side timings an admin can change. */
export const roomPolicySchema = z.object({
	/** The AV check is due this long before the start. */
	avLeadMin: numeric().pipe(z.number().int().min(0).max(240)).default(30),
	/** "Starting soon" from this long before the start. */
	soonMin: numeric().pipe(z.number().int().min(0).max(240)).default(30),
	/** Guests can check in from this long before the start until the end. */
	checkInOpenMin: numeric().pipe(z.number().int().min(0).max(240)).default(30),
	/** Nobody checked in this long after the start: the room is released. */
	noShowMin: numeric().pipe(z.number().int().min(5).max(240)).default(15)
});
export type RoomPolicy = z.infer<typeof roomPolicySchema>;
export const DEFAULT_ROOM_POLICY: RoomPolicy = roomPolicySchema.parse({});

/** A no-show: still booked, past start + delay, nobody checked in and nobody started it. */
export function isNoShow(b: Booking, now: number, policy: RoomPolicy): boolean {
	return (
		isActive(b) &&
		b.checkedIn === 0 &&
		!b.startedAt &&
		now >= Date.parse(b.start) + policy.noShowMin * 60_000
	);
}

export const ROOM_STATES = ['free', 'inUse', 'startingSoon', 'settingUp', 'avCheckDue'] as const;
export type RoomState = (typeof ROOM_STATES)[number];

/** When a booking's meeting ends: its end, or earlier when it was ended early. */
export function endOf(b: Pick<Booking, 'end' | 'endedAt'>): number {
	return b.endedAt ? Math.min(Date.parse(b.endedAt), Date.parse(b.end)) : Date.parse(b.end);
}

/**
 * One room's state at `now`: in use during a meeting; setting up inside any booking's setup or
 * teardown buffer; AV check due from `avLeadMin` before the next start until the check passed;
 * starting soon from `soonMin` before; otherwise free (until the next booking's setup).
 */
export function roomState(
	bookings: readonly Booking[],
	now: number,
	policy: RoomPolicy
): { state: RoomState; current: Booking | null; next: Booking | null; freeUntil: string | null } {
	const active = bookings
		.filter((b) => holdsRoom(b) && heldSpan(b)[1] > now)
		.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
	const current = active.find((b) => Date.parse(b.start) <= now && now < endOf(b)) ?? null;
	const next = active.find((b) => Date.parse(b.start) > now) ?? null;
	const buffer = active.find((b) => heldSpan(b)[0] <= now && now < heldSpan(b)[1]);
	const nextStart = next ? Date.parse(next.start) : Infinity;
	let state: RoomState = 'free';
	if (current) state = 'inUse';
	else if (buffer) state = 'settingUp';
	else if (next && now >= nextStart - policy.avLeadMin * 60_000 && next.avCheck.status !== 'passed')
		state = 'avCheckDue';
	else if (now >= nextStart - policy.soonMin * 60_000) state = 'startingSoon';
	const freeUntil = !current && !buffer && next ? new Date(heldSpan(next)[0]).toISOString() : null;
	return { state, current, next, freeUntil };
}

/**
 * A meeting as the lobby shows it after a guest checks in at the kiosk: a private one shows
 * neither title nor welcome.
 */
export interface CheckedInMeeting {
	title: string | null;
	welcome: string;
	room: string;
	floor: string;
	start: string;
	end: string;
	checkedIn: number;
	attendees: number;
}
