import { FoyerError } from '$lib/domain/errors';
import { ratingInputSchema } from '$lib/domain/rating';
import { serviceRatingSchema, type ServiceRating } from '$lib/domain/satisfaction';
import type { Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import type { FoyerStore, RecordLog, SectionLock } from '../store/contract';
import type { AuditService } from '../audit/audit';

/** Ratings of the counter's and kiosk's service, one per receipt; they count toward satisfaction. */
export class ServiceRatings {
	readonly #mutex: SectionLock;
	readonly #byEntry = new Map<string, ServiceRating>();

	private constructor(
		private readonly log: RecordLog<ServiceRating>,
		private readonly deps: { clock: Clock; audit: AuditService; events: DomainEventBus },
		lock: SectionLock
	) {
		this.#mutex = lock;
	}

	static async open(
		store: FoyerStore,
		deps: { clock: Clock; audit: AuditService; events: DomainEventBus }
	): Promise<ServiceRatings> {
		const log = await store.collection('ratings', (d) => serviceRatingSchema.parse(d));
		const r = new ServiceRatings(log, deps, store.lock('ratings'));
		for (const x of await log.list()) r.#byEntry.set(x.entryId, x);
		log.watch((x) => r.#byEntry.set(x.entryId, x));
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
		const v = ratingInputSchema.parse(input);
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
