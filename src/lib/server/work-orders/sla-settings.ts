import { z } from 'zod';
import {
	DEFAULT_BUSINESS_HOURS,
	DEFAULT_SLA_TARGETS,
	businessHoursSchema,
	slaTargetsSchema,
	type BusinessHours,
	type SlaTargets
} from '$lib/domain/sla';
import type { DomainEventBus } from '../events';
import type { Doc, FoyerStore } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';

const slaDocSchema = z.object({ hours: businessHoursSchema, targets: slaTargetsSchema });
type SlaDoc = z.infer<typeof slaDocSchema>;

/** The site's business hours and SLA targets (`sla.json`), defaults until an admin sets them. */
export class SlaSettings {
	private constructor(
		private readonly doc: Doc<SlaDoc>,
		private readonly deps: { audit: AuditService; events: DomainEventBus }
	) {}

	static async open(
		store: FoyerStore,
		deps: { audit: AuditService; events: DomainEventBus; timeZone: string }
	): Promise<SlaSettings> {
		const doc = await store.doc('sla', {
			defaults: {
				hours: { ...DEFAULT_BUSINESS_HOURS, timeZone: deps.timeZone },
				targets: DEFAULT_SLA_TARGETS
			},
			parse: (d) => slaDocSchema.parse(d)
		});
		return new SlaSettings(doc, deps);
	}

	get hours(): BusinessHours {
		return this.doc.data.hours;
	}

	get targets(): SlaTargets {
		return this.doc.data.targets;
	}

	/** Replaces hours and targets (validated whole: a week with no open hours is refused). */
	async save(actor: Actor, input: unknown): Promise<void> {
		const v = slaDocSchema.parse(input);
		await this.doc.update((d) => Object.assign(d, v));
		await this.deps.audit.record(actor, 'sla.saved', null, {});
		this.deps.events.emit('sla:changed', v);
	}
}
