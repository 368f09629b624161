import { randomBytes, randomInt } from 'node:crypto';
import {
	bookingInputSchema,
	bookingSchema,
	conflictOf,
	isActive,
	isNoShow,
	roomProblem,
	type AvCheck,
	type Booking,
	type RoomPolicy
} from '$lib/domain/booking';
import { avCheckInput, cancelReasonSchema } from '$lib/domain/booking-input';
import { FoyerError } from '$lib/domain/errors';
import { ratingInputSchema } from '$lib/domain/rating';
import { clockTime, type Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import type { FoyerStore, RecordLog, SectionLock } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';
import type { SiteService } from '../site/site';

interface Deps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	site: SiteService;
	policy: () => RoomPolicy;
}

/** An AV check not done yet (a new booking, or one moved to another room or time). */
const PENDING_AV: AvCheck = {
	status: 'pending',
	items: [],
	note: '',
	by: null,
	at: null,
	workOrderId: null
};

/**
 * Meeting-room bookings. All bookings are held in memory (a building books tens a day); each
 * is stored in the day file of the day it was made. Every check-then-write (overlap, capacity,
 * check-in window) runs under one section lock — the database's, when several processes share
 * one — so two requests at the same moment cannot both win, whichever process each reaches.
 */
export class BookingService {
	readonly #mutex: SectionLock;
	readonly #bookings = new Map<string, Booking>();

	private constructor(
		private readonly log: RecordLog<Booking>,
		private readonly deps: Deps,
		lock: SectionLock
	) {
		this.#mutex = lock;
	}

	static async open(store: FoyerStore, deps: Deps): Promise<BookingService> {
		const log = await store.collection('bookings', (d) => bookingSchema.parse(d));
		const s = new BookingService(log, deps, store.lock('bookings'));
		for (const b of await log.list()) s.#bookings.set(b.id, b);
		// Bookings made or changed through another server process (several processes).
		log.watch((b) => s.#bookings.set(b.id, b));
		return s;
	}

	all(): Booking[] {
		return [...this.#bookings.values()].sort((a, b) => a.start.localeCompare(b.start));
	}

	get(id: string): Booking | undefined {
		return this.#bookings.get(id);
	}

	/** The booking with this check-in code: the active one, else the latest that had it. */
	byCode(code: string): Booking | undefined {
		const c = code.replace(/\D/g, '');
		const all = this.all().filter((b) => b.code === c);
		return all.find(isActive) ?? all.at(-1);
	}

	byFeedbackToken(token: string): Booking | undefined {
		return this.all().find((b) => b.feedbackToken === token);
	}

	/** Books a room. Refused with the conflicting booking named, or the room's limit. */
	async create(actor: Actor, input: unknown): Promise<Booking> {
		const v = bookingInputSchema.parse(input);
		return this.#mutex.run(async () => {
			this.#check(v);
			const now = this.deps.clock.now();
			const booking = await this.log.append({
				...v,
				code: this.#newCode(),
				status: 'booked',
				checkedIn: 0,
				// Booked once it has begun (book now at the door, a walk-in entered at the desk):
				// somebody is there, so it is never released as a no-show.
				startedAt: Date.parse(v.start) <= now.getTime() ? now.toISOString() : null,
				endedAt: null,
				avCheck: { ...PENDING_AV },
				feedback: [],
				feedbackToken: randomBytes(12).toString('base64url'),
				history: [this.#entry(actor, 'booked', '')]
			});
			return this.#changed(actor, booking, 'booked');
		});
	}

	/** Edits or moves a booking (same checks, itself excluded). */
	async update(actor: Actor, id: string, input: unknown): Promise<Booking> {
		const v = bookingInputSchema.parse(input);
		return this.#mutex.run(async () => {
			const b = this.#active(id);
			this.#check({ ...v, id });
			// Moved to another room or time: the AV check done for the old one no longer holds.
			const moved = v.roomId !== b.roomId || v.start !== b.start;
			const avCheck = moved ? { ...PENDING_AV } : b.avCheck;
			return this.#write(actor, b, { ...v, avCheck }, moved ? 'moved' : 'updated');
		});
	}

	async cancel(actor: Actor, id: string, reason: string): Promise<Booking> {
		const why = cancelReasonSchema.parse(reason);
		return this.#mutex.run(() =>
			this.#write(actor, this.#active(id), { status: 'cancelled' }, 'cancelled', why)
		);
	}

	/** A guest checks in at the kiosk by code: from shortly before the start to the end. */
	checkIn(code: string): Promise<Booking> {
		return this.#mutex.run(async () => {
			const b = this.byCode(code);
			if (!b) throw new FoyerError('error.bookingCode', {}, 404);
			if (b.status === 'released') throw new FoyerError('error.bookingReleased', {}, 409);
			if (!isActive(b)) throw new FoyerError('error.checkInOver', {}, 409);
			const now = this.deps.clock.now().getTime();
			const opens = Date.parse(b.start) - this.deps.policy().checkInOpenMin * 60_000;
			if (now < opens) {
				throw new FoyerError('error.checkInNotYet', { time: this.#time(new Date(opens)) }, 409);
			}
			if (now >= Date.parse(b.end)) throw new FoyerError('error.checkInOver', {}, 409);
			return this.#write(null, b, { checkedIn: b.checkedIn + 1 }, 'checkIn');
		});
	}

	/** The host starts it at the door panel (counts as shown up). */
	start(actor: Actor, id: string): Promise<Booking> {
		return this.#mutex.run(async () => {
			const b = this.#active(id);
			return this.#write(actor, b, { startedAt: this.deps.clock.now().toISOString() }, 'started');
		});
	}

	/** Extends the end by `minutes`, if the room is free that long. */
	extend(actor: Actor, id: string, minutes: number): Promise<Booking> {
		return this.#mutex.run(async () => {
			const b = this.#active(id);
			const end = new Date(Date.parse(b.end) + minutes * 60_000).toISOString();
			this.#check({ ...b, end });
			return this.#write(actor, b, { end }, 'extended', `+${minutes}`);
		});
	}

	/** Ends the meeting now; the room is free after its teardown. */
	endEarly(actor: Actor, id: string): Promise<Booking> {
		return this.#mutex.run(async () => {
			const b = this.#active(id);
			const now = this.deps.clock.now().toISOString();
			return this.#write(actor, b, { status: 'ended', endedAt: now }, 'ended');
		});
	}

	/**
	 * Records the AV check. A failed one is told as `booking:avFailed`, for which the work-order
	 * feature opens a repair order for the room and links it back (linkAvWorkOrder); the answer
	 * waits for that, so the desk sees the order at once.
	 */
	async avCheck(actor: Actor & object, id: string, input: unknown): Promise<Booking> {
		const v = avCheckInput.parse(input);
		const { booking, failure } = await this.#mutex.run(async () => {
			const b = this.#active(id);
			const failed = v.items.filter((i) => !i.ok);
			const avCheck = {
				status: failed.length ? ('failed' as const) : ('passed' as const),
				items: v.items,
				note: v.note,
				by: actor.username,
				at: this.deps.clock.now().toISOString(),
				// A passed check keeps the order a failed one opened; a new failure opens its own.
				workOrderId: failed.length ? null : b.avCheck.workOrderId
			};
			const booking = await this.#write(actor, b, { avCheck }, `av.${avCheck.status}`, v.note);
			const text = [failed.map((i) => i.item).join('、'), v.note].filter(Boolean).join('：');
			return { booking, failure: failed.length ? text : null };
		});
		if (failure === null) return booking;
		await this.deps.events.settle('booking:avFailed', { booking, text: failure });
		return this.get(id) ?? booking;
	}

	/** Links the repair order opened for a failed AV check to the booking. */
	async linkAvWorkOrder(id: string, workOrderId: string): Promise<Booking> {
		return this.#mutex.run(async () => {
			const next = await this.log.update(id, (x) => ({
				...x,
				avCheck: { ...x.avCheck, workOrderId }
			}));
			if (!next) throw new FoyerError('error.bookingNotFound', {}, 404);
			this.#bookings.set(next.id, next);
			this.deps.events.emit('booking:changed', next);
			return next;
		});
	}

	/** A participant's feedback by QR after the meeting. */
	async feedback(token: string, input: unknown): Promise<Booking> {
		const v = ratingInputSchema.parse(input);
		return this.#mutex.run(async () => {
			const b = this.byFeedbackToken(token);
			if (!b) throw new FoyerError('error.bookingNotFound', {}, 404);
			// Feedback is about a meeting that took place: from its start, never a cancelled one.
			const started = this.deps.clock.now().getTime() >= Date.parse(b.start);
			if (!started || b.status === 'cancelled' || b.status === 'released') {
				throw new FoyerError('error.feedbackNotYet', {}, 409);
			}
			const at = this.deps.clock.now().toISOString();
			return this.#write(null, b, { feedback: [...b.feedback, { ...v, at }] }, 'feedback');
		});
	}

	/** Releases no-shows (run every half minute; tests call it with a set clock). */
	sweep(): Promise<Booking[]> {
		return this.#mutex.run(async () => {
			const now = this.deps.clock.now().getTime();
			const released: Booking[] = [];
			for (const b of this.all()) {
				if (!isNoShow(b, now, this.deps.policy())) continue;
				released.push(await this.#write(null, b, { status: 'released' }, 'released'));
			}
			return released;
		});
	}

	#check(
		v: Pick<
			Booking,
			'roomId' | 'start' | 'end' | 'setupMin' | 'teardownMin' | 'attendees' | 'layout'
		> & { id?: string }
	): void {
		const room = this.deps.site.site.rooms.find((r) => r.id === v.roomId);
		if (!room) throw new FoyerError('error.roomRequired', {}, 404);
		// A deactivated room takes no new bookings; those made before it was can still be edited.
		const before = v.id ? this.all().find((b) => b.id === v.id) : undefined;
		if (!room.active && before?.roomId !== room.id) {
			throw new FoyerError('error.roomInactive', { room: room.name }, 400, 'roomId');
		}
		const problem = roomProblem(v, room);
		if (problem) throw new FoyerError(problem, { capacity: room.capacity, room: room.name });
		const clash = conflictOf(v, this.all());
		if (clash) {
			throw new FoyerError(
				clash.private ? 'error.bookingConflictPrivate' : 'error.bookingConflict',
				{
					title: clash.private ? '' : clash.title,
					time: `${this.#time(new Date(clash.start))}–${this.#time(new Date(clash.end))}`,
					room: room.name
				},
				409
			);
		}
	}

	#active(id: string): Booking {
		const b = this.#bookings.get(id);
		if (!b) throw new FoyerError('error.bookingNotFound', {}, 404);
		if (!isActive(b)) throw new FoyerError('error.bookingNotActive', {}, 409);
		return b;
	}

	#newCode(): string {
		const taken = new Set(
			this.all()
				.filter(isActive)
				.map((b) => b.code)
		);
		for (;;) {
			const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
			if (!taken.has(code)) return code;
		}
	}

	#time(d: Date): string {
		return clockTime(d, this.deps.site.site.timeZone);
	}

	#entry(actor: Actor, action: string, note: string) {
		return { at: this.deps.clock.now().toISOString(), by: actor?.username ?? null, action, note };
	}

	async #write(
		actor: Actor,
		b: Booking,
		change: Partial<Booking>,
		action: string,
		note = ''
	): Promise<Booking> {
		const next = await this.log.update(b.id, (x) => ({
			...x,
			...change,
			history: [...x.history, this.#entry(actor, action, note)]
		}));
		if (!next) throw new Error(`booking ${b.id} vanished`);
		return this.#changed(actor, next, action);
	}

	async #changed(actor: Actor, b: Booking, action: string): Promise<Booking> {
		this.#bookings.set(b.id, b);
		await this.deps.audit.record(actor, `booking.${action}`, b.id, { room: b.roomId });
		this.deps.events.emit('booking:changed', b);
		return b;
	}
}
