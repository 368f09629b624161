import type { Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import type { AuditService } from '../audit/audit';
import type { SiteService } from '../site/site';

/** What the ledger, its bill runs and its daily closes are built from. */
export interface FeesDeps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	site: SiteService;
}
