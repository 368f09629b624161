import type { Acting } from '$lib/domain/permissions';
import {
	companyTotal,
	siteRow,
	type CompanyFigures,
	type CompanySiteRow
} from '$lib/domain/reports/company';
import { parsePeriod, previousPeriod } from '$lib/domain/reports/period';
import { queueFigures, type TicketFact } from '$lib/domain/reports/queue';
import { SiteTime } from '$lib/domain/reports/site-time';
import { DEFAULT_TIME_ZONE, type Clock } from '$lib/domain/time';
import { authorize } from '../staff/acting';
import type { CompanySite } from './sites';

/**
 * Where a site's own report of the period is: relative on the site the request came to, on the
 * site's own address when the deployment knows it, else — sites named by the first label of the
 * host (`north.foyer.example.cn`) — on the same address with the other site's label. Null when
 * none of these holds (a link to this site's report would show the wrong site).
 */
export function reportLink(o: {
	siteId: string;
	origin?: string | undefined;
	here: string | undefined;
	requestUrl?: URL | undefined;
	period: string;
}): string | null {
	const path = `/desk/reports?p=${encodeURIComponent(o.period)}`;
	if (o.siteId === o.here) return path;
	if (o.origin) return new URL(path, o.origin).href;
	const url = o.requestUrl;
	if (url && o.here && url.hostname.startsWith(`${o.here}.`)) {
		const other = new URL(url.origin);
		other.hostname = o.siteId + url.hostname.slice(o.here.length);
		return new URL(path, other).href;
	}
	return null;
}

/**
 * The company's figures of a period (docs/company.md): each site's by its own ReportService —
 * records read and figures computed exactly as its /desk/reports does (the period beside the one
 * before it, so the same work orders are looked at) — and the total from the sites' counts. The
 * company's median wait is the median of every site's waits together, by the queue report's
 * own definition. Needs `company.view` (head office).
 */
export async function companyFigures(o: {
	acting: Acting;
	period: unknown;
	sites: readonly CompanySite[];
	clock: Clock;
	here: string | undefined;
	requestUrl?: URL | undefined;
}): Promise<CompanyFigures> {
	authorize(o.acting, 'company.view');
	const period = parsePeriod(o.period);
	const tickets: TicketFact[] = [];
	const sites: CompanySiteRow[] = [];
	// One site after another: each read holds a site's history in memory for a moment.
	for (const s of o.sites) {
		const { reports, site } = s.foyer;
		const records = await reports.read(previousPeriod(period).from, period.to);
		const figures = reports.figures(period, records);
		for (const t of records.tickets)
			if (t.day >= period.from && t.day <= period.to) tickets.push(t);
		sites.push({
			siteId: s.id,
			name: site.site.name,
			nameEn: site.site.nameEn,
			reportUrl: reportLink({ ...o, siteId: s.id, origin: s.origin, period: period.key }),
			...siteRow(figures)
		});
	}
	// The busy-hours table is not used: any time zone will do for it.
	const time = new SiteTime(o.sites[0]?.foyer.site.site.timeZone ?? DEFAULT_TIME_ZONE);
	const all = queueFigures({ time, tickets, counters: [], staffName: () => '' });
	return {
		period,
		generatedAt: o.clock.now().toISOString(),
		sites,
		total: companyTotal(sites, all.waitP50Ms)
	};
}
