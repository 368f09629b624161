import { z } from 'zod';
import { DEFAULT_ROOM_POLICY, roomPolicySchema, type RoomPolicy } from '$lib/domain/booking';
import { pinSchema } from '$lib/domain/booking-input';
import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import { hashPassword, verifyPassword } from '../staff/password';
import { AttemptLimiter } from '../http/attempt-limiter';
import type { Doc, FoyerStore } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';

const roomsDocSchema = z.object({ policy: roomPolicySchema, pinHash: z.string().nullable() });
type RoomsDoc = z.infer<typeof roomsDocSchema>;

/**
 * Meeting-room settings (`rooms.json`): the timings (AV check lead, no-show delay, …) and the
 * conference staff's PIN that unlocks book-now / extend / end-early on any door panel. The PIN
 * is stored only as a scrypt hash; wrong tries are limited per panel.
 */
export class RoomSettings {
	readonly #tries: AttemptLimiter;

	private constructor(
		private readonly doc: Doc<RoomsDoc>,
		private readonly audit: AuditService,
		clock: Clock
	) {
		this.#tries = new AttemptLimiter(clock, 5, 15 * 60_000);
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

	/** Checks a PIN typed at a panel; throws after too many wrong ones from that panel. */
	async checkPin(pin: unknown, panel: string): Promise<void> {
		const wait = this.#tries.retryAfter(panel);
		if (wait > 0) {
			throw new FoyerError('error.tooManyAttempts', { minutes: Math.ceil(wait / 60_000) }, 429);
		}
		const hash = this.doc.data.pinHash;
		const ok = hash !== null && typeof pin === 'string' && (await verifyPassword(pin, hash));
		if (!ok) {
			this.#tries.fail(panel);
			throw new FoyerError('error.pinWrong', {}, 403);
		}
		this.#tries.reset(panel);
	}
}
