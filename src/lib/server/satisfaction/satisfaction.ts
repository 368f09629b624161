import { receiptNumber } from '$lib/domain/fees';
import { monthlySatisfaction, type MonthlySatisfaction } from '$lib/domain/satisfaction';
import type { Foyer } from '../foyer';

/** The month's satisfaction: work-order ratings and follow-up calls, and service ratings. */
export function satisfactionOf(app: Foyer, month: string): MonthlySatisfaction {
	const services = app.ratings.all().map((r) => {
		const entry = app.fees.entry(r.entryId);
		return { ...r, receiptNo: entry ? receiptNumber(entry) : '' };
	});
	return monthlySatisfaction(app.workOrders.all(), month, app.site.site.timeZone, services);
}
