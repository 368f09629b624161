import { FoyerError } from '$lib/domain/errors';
import { formatNumber, type WorkOrder } from '$lib/domain/work-order';
import { keyOf, translator, type Locale } from '$lib/i18n';
import type { DeviceService } from '../devices/devices';
import type { PrintQueue } from '../printing';
import type { IdentifyService } from '../site/identify';
import type { SiteService } from '../site/site';

/** What reporting needs: the visit, the site's name, where to print, the print queue. */
export interface ReportingDeps {
	identify: IdentifyService;
	site: SiteService;
	devices: DeviceService;
	printing: PrintQueue;
}

import { block, type PrintDocument } from '../printing';
import { operational } from '../ops/operational';

/** The location of a report: the identified visit's own unit, or a public area by id. */
export async function reportLocation(
	app: ReportingDeps,
	body: { visit?: unknown; where?: unknown; areaId?: unknown }
): Promise<{
	location: WorkOrder['location'];
	residentId: string | null;
	phoneTail: string | null;
}> {
	const visit = await app.identify.visit(body.visit);
	if (body.where === 'unit') {
		// A unit only through an identified visit, never a unit id sent in.
		if (!visit) throw new FoyerError('error.visitExpired', {}, 401);
		return {
			location: { kind: 'unit', unitId: visit.unitId },
			residentId: visit.residentId,
			phoneTail: visit.phoneTail
		};
	}
	return {
		location: { kind: 'area', areaId: typeof body.areaId === 'string' ? body.areaId : '' },
		residentId: visit?.residentId ?? null,
		phoneTail: visit?.phoneTail ?? null
	};
}

/** What the reporter gets back: the number and the phone page that follows the request. */
export function reported(o: WorkOrder, origin: string) {
	return { id: o.id, number: o.number, trackUrl: `${origin}/w/${o.rateToken}` };
}

/** The slip a resident may print at the end of a report: number, type and a QR to follow it. */
export function reportSlip(
	app: ReportingDeps,
	o: WorkOrder,
	origin: string,
	locale: Locale
): PrintDocument {
	const t = translator(locale);
	return {
		blocks: [
			block.text(app.site.site.name, { align: 'center', bold: true }),
			block.divider(),
			block.text(t('report.slipTitle'), { align: 'center' }),
			block.text(formatNumber(o.number), { align: 'center', bold: true, size: 2 }),
			block.text(t(`workOrder.category.${o.category}`), { align: 'center' }),
			...o.chips.map((c) => block.text(t(keyOf(`workOrder.chip.${c}`)), { align: 'center' })),
			block.divider(),
			block.qr(`${origin}/w/${o.rateToken}`),
			block.text(t('report.slipFollow'), { align: 'center' }),
			block.feed(),
			block.cut()
		]
	};
}

/** Queues the slip on the kiosk's printer (else the front desk's). Never throws. */
export async function printReportSlip(
	app: ReportingDeps,
	o: WorkOrder,
	options: { origin: string; locale: Locale; kioskId: string | null }
): Promise<boolean> {
	const printerId = app.devices.printerFor(options.kioskId);
	if (!printerId) return false;
	try {
		await app.printing.enqueue(null, {
			printerId,
			// A request's slip, labelled as such at the desk (not the Z-report, kind 'report').
			kind: 'request',
			document: reportSlip(app, o, options.origin, options.locale)
		});
		return true;
	} catch (e) {
		operational('error', `Slip of request ${o.number} could not be queued`, e);
		return false;
	}
}
