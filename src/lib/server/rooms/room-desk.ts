import { bookingInputSchema, conflictOf, type Booking } from '$lib/domain/booking';
import { FoyerError, isFoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import { translate, type Locale } from '$lib/i18n';
import { auditActor } from '../staff/acting';
import type { BookingService } from './bookings';
import type { RoomSettings } from './settings';

/** The rooms desk: bookings, cancellations and AV checks, and (managers) timings and the PIN. */
export class RoomDesk {
	constructor(private readonly deps: { bookings: BookingService; rooms: RoomSettings }) {}

	/** Creates a booking (`id` null) or changes one: edits, moves. */
	async save(
		who: Acting,
		id: string | null,
		input: Record<string, unknown>,
		locale: Locale
	): Promise<Booking> {
		demand(who.roles, 'rooms.book');
		const { bookings } = this.deps;
		try {
			return id
				? await bookings.update(auditActor(who), id, input)
				: await bookings.create(auditActor(who), input);
		} catch (e) {
			throw this.#named(e, input, id, locale);
		}
	}

	async cancel(who: Acting, id: string, reason: string): Promise<Booking> {
		demand(who.roles, 'rooms.book');
		if (!reason || reason.length > 200) throw new FoyerError('error.cancelReason');
		return this.deps.bookings.cancel(auditActor(who), id, reason);
	}

	/** The AV check before a meeting; `items` is null when a question went unanswered. */
	async avCheck(
		who: Acting,
		id: string,
		check: { items: { item: string; ok: boolean }[] | null; note: string }
	): Promise<Booking> {
		demand(who.roles, 'rooms.avCheck');
		if (!check.items) throw new FoyerError('error.avUnanswered');
		return this.deps.bookings.avCheck(auditActor(who), id, {
			items: check.items,
			note: check.note
		});
	}

	/** Room timings (buffers, check-in window …), as the form sent them. */
	async savePolicy(who: Acting, input: Record<string, unknown>): Promise<void> {
		demand(who.roles, 'rooms.configure');
		await this.deps.rooms.savePolicy(auditActor(who), input);
	}

	/** The door panels' PIN. */
	async setPin(who: Acting, pin: string): Promise<void> {
		demand(who.roles, 'rooms.configure');
		await this.deps.rooms.setPin(auditActor(who), pin);
	}

	/**
	 * Staff see private titles, so a clash with a private booking is named to them (the booking
	 * service names it only by time, as its message may reach a door panel).
	 */
	#named(e: unknown, input: Record<string, unknown>, id: string | null, locale: Locale) {
		if (!isFoyerError(e) || e.key !== 'error.bookingConflictPrivate') return e;
		const v = bookingInputSchema.safeParse(input);
		const clash = v.success
			? conflictOf({ ...v.data, id: id ?? undefined }, this.deps.bookings.all())
			: null;
		if (!clash) return e;
		const title = translate(locale, 'desk.rooms.privateTitle', { title: clash.title });
		return new FoyerError('error.bookingConflict', { ...e.values, title }, e.status);
	}
}
