import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '$lib/domain/time';
import {
	CATEGORIES,
	locationSchema,
	type Category,
	type WorkOrderLocation
} from '$lib/domain/work-order';
import type { Doc, FoyerStore, SectionLock } from '../store/contract';

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

const draftsSchema = z.object({
	drafts: z.record(
		z.string(),
		z.object({
			category: z.enum(CATEGORIES),
			location: locationSchema,
			chips: z.array(z.string()),
			residentId: z.string().nullable(),
			phoneTail: z.string().nullable(),
			expires: z.number()
		})
	)
});
type Drafts = z.infer<typeof draftsSchema>;

/**
 * "Continue on your phone": the kiosk's choices so far are kept under an unguessable token
 * that the QR carries, in the `handoffs` document, so that the phone may reach any server
 * process of a deployment. Nothing personal outlives the quarter of an hour: every start
 * removes the drafts that have expired.
 */
export class ReportHandoffs {
	private constructor(
		private readonly doc: Doc<Drafts>,
		private readonly lock: SectionLock,
		private readonly clock: Clock
	) {}

	static async open(store: FoyerStore, clock: Clock): Promise<ReportHandoffs> {
		const doc = await store.doc('handoffs', {
			defaults: { drafts: {} },
			parse: (d) => draftsSchema.parse(d)
		});
		return new ReportHandoffs(doc, store.lock('handoffs'), clock);
	}

	async start(draft: Omit<Handoff, 'expires'>): Promise<{ token: string; expiresAt: string }> {
		const token = randomBytes(18).toString('base64url');
		const now = this.clock.now().getTime();
		const expires = now + HANDOFF_MS;
		await this.doc.update((d) => {
			for (const [t, x] of Object.entries(d.drafts)) if (x.expires <= now) delete d.drafts[t];
			d.drafts[token] = { ...draft, expires };
		});
		return { token, expiresAt: new Date(expires).toISOString() };
	}

	/** The draft behind a token, or null when unknown, used or expired. */
	async get(token: string): Promise<Handoff | null> {
		// Started a moment ago through another server process: it may not be here yet.
		if (!Object.hasOwn(this.doc.data.drafts, token)) await this.doc.refresh();
		const d = Object.hasOwn(this.doc.data.drafts, token) ? this.doc.data.drafts[token] : undefined;
		return d && d.expires > this.clock.now().getTime() ? d : null;
	}

	/** Used once: a second submit from the same QR is refused, whichever process it reaches. */
	take(token: string): Promise<Handoff | null> {
		return this.lock.run(async () => {
			const d = await this.get(token);
			if (Object.hasOwn(this.doc.data.drafts, token)) {
				await this.doc.update((x) => void delete x.drafts[token]);
			}
			return d;
		});
	}
}
