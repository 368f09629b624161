import { randomBytes } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { identifySchema } from '$lib/domain/identify';
import { maskName, maskUnit, phoneTail } from '$lib/domain/masking';
import type { Clock } from '$lib/domain/time';
import { z } from 'zod';
import type { Doc, FoyerStore, SharedAttempts } from '../store/contract';
import { AttemptLimiter, attemptLimit, reserveAttempt } from '../http/attempt-limiter';
import type { SiteService } from './site';

/** What the kiosk may show of who was identified: masked, as on any public screen. */
export interface IdentifiedVisit {
	/** Proves the identification to later requests of the same visit. */
	token: string;
	unitLabel: string;
	residentName: string;
}

/** Who an identified visit stands for (server side only). */
export interface Visit {
	unitId: string;
	residentId: string;
	phoneTail: string;
	expires: number;
}

/** An identified visit lasts this long without use (the kiosk's idle reset ends it sooner). */
const VISIT_MS = 10 * 60_000;
/** A visit's use is written down (for the other server processes) at most this often. */
const TOUCH_EVERY_MS = 60_000;

const visitsSchema = z.object({
	visits: z.record(
		z.string(),
		z.object({
			unitId: z.string(),
			residentId: z.string(),
			phoneTail: z.string(),
			expires: z.number()
		})
	)
});
type Visits = z.infer<typeof visitsSchema>;

/**
 * A resident proves who they are at the kiosk: unit (building–entrance–room) plus the last 4
 * digits of a phone registered for it. Failures are limited per unit (someone guessing a
 * neighbour's tail) and per kiosk (someone trying many units).
 *
 * Visits are kept in the `visits` document, so that a kiosk's next request may reach any
 * server process of a deployment (several processes share it through the store).
 */
export class IdentifyService {
	readonly #byUnit: AttemptLimiter;
	readonly #byKiosk: AttemptLimiter;

	private constructor(
		private readonly doc: Doc<Visits>,
		private readonly deps: { clock: Clock; site: SiteService },
		attempts: SharedAttempts | null
	) {
		this.#byUnit = attemptLimit(deps.clock, attempts, 'identify.unit', 5, 15 * 60_000);
		this.#byKiosk = attemptLimit(deps.clock, attempts, 'identify.kiosk', 20, 15 * 60_000);
	}

	static async open(
		store: FoyerStore,
		deps: { clock: Clock; site: SiteService }
	): Promise<IdentifyService> {
		const doc = await store.doc('visits', {
			defaults: { visits: {} },
			parse: (d) => visitsSchema.parse(d)
		});
		return new IdentifyService(doc, deps, store.attempts);
	}

	async identify(input: unknown, kiosk: string): Promise<IdentifiedVisit> {
		const v = identifySchema.parse(input);
		const unit = this.deps.site.site.units.find(
			(u) => u.active && u.building === v.building && u.entrance === v.entrance && u.room === v.room
		);
		const unitKey = unit?.id ?? `${v.building}-${v.entrance}-${v.room}`;
		// Counted before the check, taken back when it passes (decision 12): the check is quick
		// today, but a limit must not depend on nothing awaiting in between.
		const attempt = await reserveAttempt(
			[
				{ limiter: this.#byUnit, key: unitKey, clearOnPass: true },
				{ limiter: this.#byKiosk, key: kiosk }
			],
			'error.identifyLocked',
			'identify'
		);
		const resident = unit
			? this.deps.site.site.residents.find(
					(r) =>
						r.unitId === unit.id &&
						r.active &&
						[r.phone, ...r.otherPhones].some((p) => phoneTail(p) === v.phoneTail)
				)
			: undefined;
		if (!unit || !resident) {
			// One message for both: the kiosk must not tell which units exist.
			throw new FoyerError('error.identifyFailed', {}, 401);
		}
		attempt.passed();
		const token = randomBytes(18).toString('base64url');
		const now = this.deps.clock.now().getTime();
		const visit = {
			unitId: unit.id,
			residentId: resident.id,
			phoneTail: v.phoneTail,
			expires: now + VISIT_MS
		};
		await this.doc.update((d) => {
			for (const [t, x] of Object.entries(d.visits)) if (x.expires < now) delete d.visits[t];
			d.visits[token] = visit;
		});
		return { token, unitLabel: maskUnit(unit), residentName: maskName(resident.name) };
	}

	/** The unit a visit token stands for, or null when it is unknown or expired. */
	async unitOf(token: string | null | undefined): Promise<string | null> {
		return (await this.visit(token))?.unitId ?? null;
	}

	/** The visit a token stands for (and it lasts longer for being used), or null. */
	async visit(token: unknown): Promise<Visit | null> {
		if (typeof token !== 'string' || !token) return null;
		// A visit begun a moment ago through another server process may not be here yet.
		if (!Object.hasOwn(this.doc.data.visits, token)) await this.doc.refresh();
		const visit = Object.hasOwn(this.doc.data.visits, token) ? this.doc.data.visits[token] : null;
		const now = this.deps.clock.now().getTime();
		if (!visit || visit.expires < now) return null;
		const expires = now + VISIT_MS;
		if (expires - visit.expires >= TOUCH_EVERY_MS) {
			await this.doc.update((d) => {
				if (d.visits[token]) d.visits[token].expires = Math.max(d.visits[token].expires, expires);
			});
		}
		return { ...visit, expires };
	}

	/**
	 * Ends a visit now (the resident finished, pressed Home or walked away): the token proves
	 * nothing from here on, so a page or request left over from the visit cannot act for them.
	 * Unknown tokens are ignored, so ending twice is harmless.
	 */
	async end(token: unknown): Promise<void> {
		if (typeof token !== 'string' || !Object.hasOwn(this.doc.data.visits, token)) return;
		await this.doc.update((d) => void delete d.visits[token]);
	}
}
