import type { DomainEventBus } from '../events';
import type { ReportService } from '../reports/reports';
import type { SiteService } from '../site/site';
import type { StaffService } from '../staff/staff';

/**
 * What the company reads of a site's Foyer. A Foyer is one (structurally): this folder does not
 * import the Foyer's type, which names the company in its options.
 */
export interface SiteFoyer {
	site: Pick<SiteService, 'site'>;
	staff: Pick<StaffService, 'byUsername'>;
	reports: Pick<ReportService, 'read' | 'figures'>;
	events: Pick<DomainEventBus, 'emit'>;
}

/** A site this deployment serves. */
export interface CompanySite {
	id: string;
	foyer: SiteFoyer;
	/** The site's own address (`https://north.foyer.example.cn`), when the deployment knows it. */
	origin?: string | undefined;
}
