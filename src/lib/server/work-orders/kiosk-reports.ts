import { FoyerError } from '$lib/domain/errors';
import { CHIPS, type WorkOrder } from '$lib/domain/work-order';
import { categorySchema } from '$lib/domain/work-order-input';
import type { Locale } from '$lib/i18n';
import { kioskDevice, type KioskRequest } from '../http/kiosk';
import type { RequestLimits } from '../http/request-limits';
import { requester } from '../http/requester';
import { dueAt, slaTargetMs } from '$lib/domain/sla';
import type { ReportHandoffs } from './handoffs';
import type { SlaSettings } from './sla-settings';
import { printReportSlip, reported, reportLocation, type ReportingDeps } from './reporting';
import type { WorkOrderService } from './work-orders';

/** What a kiosk report sends: `{ visit?, category, where: 'unit' | 'area', areaId?, chips, text }`. */
export type KioskReport = KioskRequest & Record<string, unknown>;

export interface KioskReportsDeps extends ReportingDeps {
	workOrders: WorkOrderService;
	handoffs: ReportHandoffs;
	limits: RequestLimits;
	/** The site's hours and targets: the reporter is told by when to expect an answer. */
	sla: Pick<SlaSettings, 'hours' | 'targets'>;
}

/**
 * A resident's report at the kiosk: filed there, or handed over to their phone to finish, and
 * its slip printed on request. `where: 'unit'` needs an identified visit; the unit is the
 * visit's own.
 */
export class KioskReports {
	constructor(private readonly deps: KioskReportsDeps) {}

	/**
	 * Files the report; answers its number and tracking page. Limited per kiosk (`client` is
	 * its address, asked when it sent no approved device token), together with handoffs.
	 */
	async report(body: KioskReport, o: { origin: string; client: () => string }) {
		await this.deps.limits.admit(['report', requester(this.deps.devices, body, o.client)]);
		const { location, residentId, phoneTail } = await reportLocation(this.deps, body);
		const order = await this.deps.workOrders.submit(
			{ category: body.category, location, chips: body.chips, text: body.text },
			{ source: 'kiosk', residentId, phoneTail }
		);
		// By when the category's response target falls, counted in the site's business hours
		// (a report after closing is answered the next working morning, and says so).
		const at = new Date(order.at);
		const { hours, targets } = this.deps.sla;
		const targetMs = slaTargetMs(targets, order.category, 'response');
		const respondBy = dueAt(hours, { start: at, now: at, targetMs });
		return { ...reported(order, o.origin), respondBy: respondBy?.toISOString() ?? null };
	}

	/**
	 * "Continue on your phone": the address where the phone finishes the report (longer text,
	 * photos) within 15 minutes, once. Counted with reports: each puts a QR on the screen.
	 */
	async handoff(
		body: KioskReport,
		o: { origin: string; client: () => string }
	): Promise<{ url: string; expiresAt: string }> {
		await this.deps.limits.admit(['report', requester(this.deps.devices, body, o.client)]);
		const c = categorySchema.parse(body.category);
		const { location, residentId, phoneTail } = await reportLocation(this.deps, body);
		if (location.kind === 'area') {
			const areaId = location.areaId;
			if (!this.deps.site.site.publicAreas.some((a) => a.id === areaId && a.active)) {
				throw new FoyerError('error.area');
			}
		}
		const chips = (Array.isArray(body.chips) ? body.chips : []).filter(
			(x): x is string => typeof x === 'string' && CHIPS[c].includes(x)
		);
		const { token, expiresAt } = await this.deps.handoffs.start({
			category: c,
			location,
			chips,
			residentId,
			phoneTail
		});
		return { url: `${o.origin}/report/${token}`, expiresAt };
	}

	/**
	 * Prints the slip of a request just reported. `body.key` is the tracking page's token from
	 * the report's answer: only the reporter has it. Answers whether the slip was queued.
	 * Limited per request (checked after the key, so a stranger cannot use up the reporter's
	 * prints) and per kiosk (`client` is its address when it sent no approved device token).
	 */
	async printSlip(
		id: string,
		body: KioskReport,
		o: { origin: string; locale: Locale; client: () => string }
	): Promise<boolean> {
		const order: WorkOrder | undefined = this.deps.workOrders.get(id);
		if (!order || order.rateToken !== body.key) {
			throw new FoyerError('error.workOrderNotFound', {}, 404);
		}
		await this.deps.limits.admit(
			['slipOfRequest', order.id],
			['slip', requester(this.deps.devices, body, o.client)]
		);
		return printReportSlip(this.deps, order, {
			origin: o.origin,
			locale: o.locale,
			kioskId: kioskDevice(this.deps.devices, body)?.id ?? null
		});
	}
}
