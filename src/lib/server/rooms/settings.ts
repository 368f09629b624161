import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_ROOM_POLICY, roomPolicySchema, type RoomPolicy } from '$lib/domain/booking';
import { pinSchema } from '$lib/domain/booking-input';
import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import { verifyPassword } from '../staff/password';
import {
	AttemptLimiter,
	attemptLimit,
	reserveAttempt,
	type LimitedKey
} from '../http/attempt-limiter';
import type { Doc, FoyerStore, SharedAttempts } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';

const roomsDocSchema = z.object({
	policy: roomPolicySchema,
	pinHash: z.string().nullable(),
	/** The key of the PIN's HMAC (32 random bytes, base64url), made on the first start. */
	pinKey: z.string().default('')
});
type RoomsDoc = z.infer<typeof roomsDocSchema>;

/** How a PIN digest is stored: `hmac-sha256$<base64url>`. */
const HMAC_SCHEME = 'hmac-sha256';

/**
 * Meeting-room settings (`rooms.json`): the timings (AV check lead, no-show delay, …) and the
 * conference staff's PIN that unlocks book-now / extend / end-early on any door panel. The PIN
 * is stored only as an HMAC-SHA256 under a key of this server's (`pinKey`), compared in constant
 * time. A 4–8 digit PIN has at most 10^8 values, so no hash cost would stop someone holding the
 * file; what protects it is the attempt limit: wrong tries are limited per client address and
 * per room (neither can be minted for free, unlike a pairing token), or per device for an
 * approved panel. A password-strength KDF here only made every door-panel press wait 0.4–1.3 s.
 * A PIN stored by an older version as a scrypt hash is checked that way once and re-stored as
 * an HMAC on its first right entry.
 */
export class RoomSettings {
	readonly #byAddress: AttemptLimiter;
	readonly #byRoom: AttemptLimiter;
	readonly #byDevice: AttemptLimiter;

	private constructor(
		private readonly doc: Doc<RoomsDoc>,
		private readonly audit: AuditService,
		clock: Clock,
		attempts: SharedAttempts | null
	) {
		this.#byAddress = attemptLimit(clock, attempts, 'pin.address', 5, 15 * 60_000);
		this.#byRoom = attemptLimit(clock, attempts, 'pin.room', 10, 15 * 60_000);
		this.#byDevice = attemptLimit(clock, attempts, 'pin.device', 5, 15 * 60_000);
	}

	static async open(
		store: FoyerStore,
		deps: { audit: AuditService; clock: Clock }
	): Promise<RoomSettings> {
		const doc = await store.doc('rooms', {
			defaults: { policy: DEFAULT_ROOM_POLICY, pinHash: null, pinKey: '' },
			parse: (d) => roomsDocSchema.parse(d)
		});
		if (!doc.data.pinKey) {
			// Two processes starting at once on a new database keep the first key written.
			const key = randomBytes(32).toString('base64url');
			await doc.update((d) => void (d.pinKey ||= key));
		}
		return new RoomSettings(doc, deps.audit, deps.clock, store.attempts);
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
		const hash = this.#digest(pinSchema.parse(pin));
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
		const attempt = await reserveAttempt(keys, 'error.tooManyAttempts', 'roomPin');
		const hash = this.doc.data.pinHash;
		let ok = false;
		if (hash !== null && typeof pin === 'string') {
			if (hash.startsWith(`${HMAC_SCHEME}$`)) ok = this.#matches(pin, hash);
			else {
				try {
					ok = await verifyPassword(pin, hash, { address: from.address });
				} catch (e) {
					attempt.cancelled();
					throw e;
				}
				// Migrate: from now on this PIN is checked in microseconds.
				if (ok) await this.doc.update((d) => void (d.pinHash = this.#digest(pin)));
			}
		}
		if (!ok) throw new FoyerError('error.pinWrong', {}, 403);
		attempt.passed();
	}

	#digest(pin: string): string {
		const mac = createHmac('sha256', this.doc.data.pinKey).update(pin.normalize('NFKC'));
		return `${HMAC_SCHEME}$${mac.digest('base64url')}`;
	}

	/** Constant-time: both sides are digests of the same length, whatever was typed. */
	#matches(pin: string, stored: string): boolean {
		const a = Buffer.from(this.#digest(pin));
		const b = Buffer.from(stored);
		return a.length === b.length && timingSafeEqual(a, b);
	}
}

/** Where a PIN was typed: the client's address and the room, and the approved panel if any. */
export interface PinFrom {
	address: string;
	roomId: string;
	/** The id of an approved device (its token was checked), when the press came from one. */
	device?: string;
}
