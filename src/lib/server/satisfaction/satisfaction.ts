import { receiptNumber } from '$lib/domain/fees';
import { monthlySatisfaction, type MonthlySatisfaction } from '$lib/domain/satisfaction';
import type { FeesService } from '../fees/ledger';
import type { SiteService } from '../site/site';
import type { WorkOrderService } from '../work-orders/work-orders';
import type { ServiceRatings } from './service-ratings';

/** What the month's figures are counted from. */
export interface SatisfactionDeps {
	ratings: ServiceRatings;
	fees: FeesService;
	workOrders: WorkOrderService;
	site: SiteService;
}

/** The monthly satisfaction rate (against the 95% target). */
export class Satisfaction {
	constructor(private readonly deps: SatisfactionDeps) {}

	/** The month's satisfaction, YYYY-MM. */
	of(month: string): MonthlySatisfaction {
		return satisfactionOf(this.deps, month);
	}
}

/** The month's satisfaction: work-order ratings and follow-up calls, and service ratings. */
export function satisfactionOf(app: SatisfactionDeps, month: string): MonthlySatisfaction {
	const services = app.ratings.all().map((r) => {
		const entry = app.fees.entry(r.entryId);
		return { ...r, receiptNo: entry ? receiptNumber(entry) : '' };
	});
	return monthlySatisfaction(app.workOrders.all(), month, app.site.site.timeZone, services);
}
