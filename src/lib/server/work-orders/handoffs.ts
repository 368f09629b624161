import { randomBytes } from 'node:crypto';
import type { Clock } from '$lib/domain/time';
import type { Category, WorkOrderLocation } from '$lib/domain/work-order';

/** A report started at the kiosk, to be finished on the resident's phone. */
export interface Handoff {
	category: Category;
	location: WorkOrderLocation;
	chips: string[];
	residentId: string | null;
	phoneTail: string | null;
	expires: number;
}

/** The phone has this long to finish the report (the QR says so). */
export const HANDOFF_MS = 15 * 60_000;

/**
 * "Continue on your phone": the kiosk's choices so far are kept under an unguessable token
 * that the QR carries. Kept in memory only: if the server restarts, the resident starts over
 * at the kiosk, and nothing personal outlives the quarter of an hour.
 */
export class ReportHandoffs {
	readonly #drafts = new Map<string, Handoff>();

	constructor(private readonly clock: Clock) {}

	start(draft: Omit<Handoff, 'expires'>): { token: string; expiresAt: string } {
		this.#sweep();
		const token = randomBytes(18).toString('base64url');
		const expires = this.clock.now().getTime() + HANDOFF_MS;
		this.#drafts.set(token, { ...draft, expires });
		return { token, expiresAt: new Date(expires).toISOString() };
	}

	/** The draft behind a token, or null when unknown, used or expired. */
	get(token: string): Handoff | null {
		const d = this.#drafts.get(token);
		return d && d.expires > this.clock.now().getTime() ? d : null;
	}

	/** Used once: a second submit from the same QR is refused. */
	take(token: string): Handoff | null {
		const d = this.get(token);
		this.#drafts.delete(token);
		return d;
	}

	#sweep(): void {
		const now = this.clock.now().getTime();
		for (const [t, d] of this.#drafts) if (d.expires <= now) this.#drafts.delete(t);
	}
}
