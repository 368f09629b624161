import { randomBytes } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { identifySchema } from '$lib/domain/identify';
import { maskName, maskUnit, phoneTail } from '$lib/domain/masking';
import type { Clock } from '$lib/domain/time';
import { AttemptLimiter, reserveAttempt } from '../http/attempt-limiter';
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

/**
 * A resident proves who they are at the kiosk: unit (building–entrance–room) plus the last 4
 * digits of a phone registered for it. Failures are limited per unit (someone guessing a
 * neighbour's tail) and per kiosk (someone trying many units).
 */
export class IdentifyService {
	readonly #byUnit: AttemptLimiter;
	readonly #byKiosk: AttemptLimiter;
	readonly #visits = new Map<string, Visit>();

	constructor(private readonly deps: { clock: Clock; site: SiteService }) {
		this.#byUnit = new AttemptLimiter(deps.clock, 5, 15 * 60_000);
		this.#byKiosk = new AttemptLimiter(deps.clock, 20, 15 * 60_000);
	}

	identify(input: unknown, kiosk: string): IdentifiedVisit {
		const v = identifySchema.parse(input);
		const unit = this.deps.site.site.units.find(
			(u) => u.active && u.building === v.building && u.entrance === v.entrance && u.room === v.room
		);
		const unitKey = unit?.id ?? `${v.building}-${v.entrance}-${v.room}`;
		// Counted before the check, taken back when it passes (decision 12): the check is quick
		// today, but a limit must not depend on nothing awaiting in between.
		const attempt = reserveAttempt(
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
		this.#sweep();
		this.#visits.set(token, {
			unitId: unit.id,
			residentId: resident.id,
			phoneTail: v.phoneTail,
			expires: this.deps.clock.now().getTime() + VISIT_MS
		});
		return { token, unitLabel: maskUnit(unit), residentName: maskName(resident.name) };
	}

	/** The unit a visit token stands for, or null when it is unknown or expired. */
	unitOf(token: string | null | undefined): string | null {
		return this.visit(token)?.unitId ?? null;
	}

	/** The visit a token stands for (and it lasts longer for being used), or null. */
	visit(token: unknown): Visit | null {
		if (typeof token !== 'string' || !token) return null;
		const visit = this.#visits.get(token);
		const now = this.deps.clock.now().getTime();
		if (!visit || visit.expires < now) return null;
		visit.expires = now + VISIT_MS;
		return visit;
	}

	/**
	 * Ends a visit now (the resident finished, pressed Home or walked away): the token proves
	 * nothing from here on, so a page or request left over from the visit cannot act for them.
	 * Unknown tokens are ignored, so ending twice is harmless.
	 */
	end(token: unknown): void {
		if (typeof token === 'string') this.#visits.delete(token);
	}

	#sweep(): void {
		const now = this.deps.clock.now().getTime();
		for (const [token, v] of this.#visits) if (v.expires < now) this.#visits.delete(token);
	}
}
