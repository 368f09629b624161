import { randomUUID } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import {
	siteSchema,
	siteSetupSchema,
	emptySite,
	type Site,
	type SiteInput
} from '$lib/domain/site';
import type { DomainEventBus } from '../events';
import type { Doc, FoyerStore } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';

/** The service center itself: name, time zone, buildings, units, residents, counters, rooms. */
export class SiteService {
	private constructor(
		private readonly doc: Doc<Site>,
		private readonly deps: { audit: AuditService; events: DomainEventBus }
	) {}

	static async open(
		store: FoyerStore,
		deps: { audit: AuditService; events: DomainEventBus }
	): Promise<SiteService> {
		const doc = await store.doc('site', {
			defaults: emptySite(),
			parse: (d) => siteSchema.parse(d)
		});
		return new SiteService(doc, deps);
	}

	get site(): Site {
		return this.doc.data;
	}

	/** Replaces the whole site (the demo seed). */
	async replace(actor: Actor, site: SiteInput): Promise<void> {
		const valid = siteSchema.parse(site);
		await this.doc.update((d) => Object.assign(d, valid));
		await this.deps.audit.record(actor, 'site.replaced', null, { name: valid.name });
		this.deps.events.emit('site:updated', this.site);
	}

	/**
	 * Changes records of the site in one durable write, audits it as `action` and tells every
	 * screen (site:updated). The whole site is one document, so a change (one edit, or an import
	 * of thousands of rows) is applied all at once or not at all (docs/decisions.md).
	 */
	async change(
		actor: Actor,
		what: { action: string; target: string | null; detail?: Record<string, unknown> },
		mutate: (site: Site) => void
	): Promise<void> {
		await this.doc.update(mutate);
		await this.deps.audit.record(actor, what.action, what.target, what.detail ?? null);
		this.deps.events.emit('site:updated', this.site);
	}

	/** The first admin's set-up walk-through: name, buildings, counters, rooms. */
	async setUp(actor: Actor, input: unknown): Promise<void> {
		if (this.site.ready) throw new FoyerError('error.alreadySetUp', {}, 409);
		const v = siteSetupSchema.parse(input);
		await this.doc.update((d) => {
			d.name = v.name;
			d.buildings = Array.from({ length: v.buildings }, (_, i) => ({
				id: String(i + 1),
				name: `${i + 1}`,
				entrances: 1,
				floors: 1,
				active: true
			}));
			d.counters = Array.from({ length: v.counters }, (_, i) => ({
				id: randomUUID(),
				number: i + 1,
				name: `${i + 1}`,
				services: [],
				active: true
			}));
			d.rooms = v.rooms.map((name) => ({
				id: randomUUID(),
				name,
				floor: '1',
				capacity: 10,
				equipment: [],
				layouts: ['boardroom' as const],
				active: true
			}));
			d.ready = true;
		});
		await this.deps.audit.record(actor, 'site.setUp', null, { name: v.name });
		this.deps.events.emit('site:updated', this.site);
	}
}
