import { ticketView, type TicketView } from '$lib/domain/queue';
import type { Locale } from '$lib/i18n';
import type { DeviceService } from '../devices/devices';
import { kioskDevice, type KioskRequest } from '../http/kiosk';
import type { RequestLimits } from '../http/request-limits';
import { requester } from '../http/requester';
import type { PrintQueue } from '../printing';
import type { IdentifyService } from '../site/identify';
import type { SiteService } from '../site/site';
import type { QueueService } from './queue';
import { printTicket } from './ticket-printing';

export interface KioskTicketsDeps {
	queue: QueueService;
	identify: IdentifyService;
	site: SiteService;
	devices: DeviceService;
	printing: PrintQueue;
	limits: RequestLimits;
}

/** The kiosk's 取号: take a ticket, print its slip, answer with where it stands. */
export class KioskTickets {
	constructor(private readonly deps: KioskTicketsDeps) {}

	/**
	 * Takes a ticket for `{ service, visit?, device? }` and queues its slip on the kiosk's own
	 * printer (else the front desk's). The slip never fails the ticket. Limited per kiosk
	 * (`client` is its address, asked when it sent no approved device token): counted before
	 * the ticket is taken, so a burst cannot fill the board and the printer.
	 */
	async take(
		body: KioskRequest & { service?: unknown },
		o: { origin: string; locale: Locale; client: () => string }
	): Promise<{ ticket: TicketView; trackUrl: string }> {
		const { queue, identify, site, devices, limits } = this.deps;
		await limits.admit(['ticket', requester(devices, body, o.client)]);
		// A ticket is linked to a unit only through an identified visit, never a unit id sent in.
		const ticket = await queue.take({
			service: body.service,
			unitId: await identify.unitOf(typeof body.visit === 'string' ? body.visit : null)
		});
		const standing = await queue.standing(ticket.id);
		const trackUrl = `${o.origin}/q/${ticket.id}`;
		const view = ticketView(standing!, site.site.counters);
		await printTicket(this.deps, {
			ticket: view,
			takenAt: new Date(ticket.at),
			trackUrl,
			locale: o.locale,
			kioskId: kioskDevice(devices, body)?.id ?? null
		});
		return { ticket: view, trackUrl };
	}
}
