import { z } from 'zod';
import { DEFAULT_ROOM_POLICY, roomPolicySchema, type RoomPolicy } from '$lib/domain/booking';
import { pinSchema } from '$lib/domain/booking-input';
import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import { hashPassword, verifyPassword } from '../staff/password';
import { AttemptLimiter, reserveAttempt, type LimitedKey } from '../http/attempt-limiter';
import type { Doc, FoyerStore } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';

const roomsDocSchema = z.object({ policy: roomPolicySchema, pinHash: z.string().nullable() });
type RoomsDoc = z.infer<typeof roomsDocSchema>;

/**
 * Meeting-room settings (`rooms.json`): the timings (AV check lead, no-show delay, …) and the
 * conference staff's PIN that unlocks book-now / extend / end-early on any door panel. The PIN
 * is stored only as a scrypt hash. A 4–8 digit PIN is protected by the attempt limits, not by
 * the hash's cost: wrong tries are limited per client address and per room (neither can be
 * minted for free, unlike a pairing token), or per device for an approved panel.
 */
export class RoomSettings {
	readonly #byAddress: AttemptLimiter;
	readonly #byRoom: AttemptLimiter;
	readonly #byDevice: AttemptLimiter;

	private constructor(
		private readonly doc: Doc<RoomsDoc>,
		private readonly audit: AuditService,
		clock: Clock
	) {
		this.#byAddress = new AttemptLimiter(clock, 5, 15 * 60_000);
		this.#byRoom = new AttemptLimiter(clock, 10, 15 * 60_000);
		this.#byDevice = new AttemptLimiter(clock, 5, 15 * 60_000);
	}

	static async open(
		store: FoyerStore,
		deps: { audit: AuditService; clock: Clock }
	): Promise<RoomSettings> {
		const doc = await store.doc('rooms', {
			defaults: { policy: DEFAULT_ROOM_POLICY, pinHash: null },
			parse: (d) => roomsDocSchema.parse(d)
		});
		return new RoomSettings(doc, deps.audit, deps.clock);
	}

	get policy(): RoomPolicy {
		return this.doc.data.policy;
	}

	get hasPin(): boolean {
		return this.doc.data.pinHash !== null;
	}

	async savePolicy(actor: Actor, input: unknown): Promise<void> {
		const policy = roomPolicySchema.parse(input);
		await this.doc.update((d) => void (d.policy = policy));
		await this.audit.record(actor, 'rooms.policySaved', null, { ...policy });
	}

	async setPin(actor: Actor, pin: unknown): Promise<void> {
		const hash = await hashPassword(pinSchema.parse(pin));
		await this.doc.update((d) => void (d.pinHash = hash));
		await this.audit.record(actor, 'rooms.pinSet', null, {});
	}

	/**
	 * Checks a PIN typed at a panel; throws 403 for a wrong one and 429 once too many were wrong.
	 * The try is counted before the hash runs and taken back if the PIN is right. A stranger's
	 * tries count per address (5) and per room (10 in 15 min, from all addresses together); an
	 * approved panel's (proven by its device token) only against that device, so strangers'
	 * failures do not lock it.
	 */
	async checkPin(pin: unknown, from: PinFrom): Promise<void> {
		const keys: LimitedKey[] = from.device
			? [{ limiter: this.#byDevice, key: from.device, clearOnPass: true }]
			: [
					{ limiter: this.#byAddress, key: from.address, clearOnPass: true },
					{ limiter: this.#byRoom, key: from.roomId }
				];
		const attempt = reserveAttempt(keys, 'error.tooManyAttempts');
		const hash = this.doc.data.pinHash;
		let ok: boolean;
		try {
			ok =
				hash !== null &&
				typeof pin === 'string' &&
				(await verifyPassword(pin, hash, { address: from.address }));
		} catch (e) {
			attempt.cancelled();
			throw e;
		}
		if (!ok) throw new FoyerError('error.pinWrong', {}, 403);
		attempt.passed();
	}
}

/** Where a PIN was typed: the client's address and the room, and the approved panel if any. */
export interface PinFrom {
	address: string;
	roomId: string;
	/** The id of an approved device (its token was checked), when the press came from one. */
	device?: string;
}
