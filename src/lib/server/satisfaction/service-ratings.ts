import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import type { Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import { Mutex } from '../mutex';
import type { PartitionedCollection } from '../store/partitioned';
import type { Store } from '../store/store';
import type { AuditService } from '../audit/audit';

/** A rating of the service itself (a payment at the counter or the kiosk), not of a work order. */
export const serviceRatingSchema = z.object({
	id: z.string(),
	at: z.string(),
	score: z.number().int().min(1).max(5),
	remarks: z.string().max(500),
	/** receipt: from the QR on a receipt or the e-receipt page; kiosk: right after paying there. */
	source: z.enum(['receipt', 'kiosk']),
	/** The ledger entry rated (one rating per receipt). */
	entryId: z.string()
});
export type ServiceRating = z.infer<typeof serviceRatingSchema>;

export const serviceRatingInput = z.object({
	score: z.coerce
		.number({ error: 'error.score' })
		.int()
		.min(1, 'error.score')
		.max(5, 'error.score'),
	remarks: z.string().trim().max(500, 'error.remarkTooLong').default('')
});

/** Ratings of the counter's and kiosk's service, one per receipt; they count toward satisfaction. */
export class ServiceRatings {
	readonly #mutex = new Mutex();
	readonly #byEntry = new Map<string, ServiceRating>();

	private constructor(
		private readonly log: PartitionedCollection<ServiceRating>,
		private readonly deps: { clock: Clock; audit: AuditService; events: DomainEventBus }
	) {}

	static async open(
		store: Store,
		deps: { clock: Clock; audit: AuditService; events: DomainEventBus }
	): Promise<ServiceRatings> {
		const log = await store.collection('ratings', (d) => serviceRatingSchema.parse(d));
		const r = new ServiceRatings(log, deps);
		for (const x of await log.list()) r.#byEntry.set(x.entryId, x);
		return r;
	}

	all(): ServiceRating[] {
		return [...this.#byEntry.values()];
	}

	of(entryId: string): ServiceRating | undefined {
		return this.#byEntry.get(entryId);
	}

	/** Rates the service behind one receipt, once. */
	rate(entryId: string, source: ServiceRating['source'], input: unknown): Promise<ServiceRating> {
		const v = serviceRatingInput.parse(input);
		return this.#mutex.run(async () => {
			if (this.#byEntry.has(entryId)) throw new FoyerError('error.alreadyRated', {}, 409);
			const rating = await this.log.append({ score: v.score, remarks: v.remarks, source, entryId });
			this.#byEntry.set(entryId, rating);
			await this.deps.audit.record(null, 'service.rated', rating.id, { score: v.score, source });
			this.deps.events.emit('rating:added', rating);
			return rating;
		});
	}
}
