import { clockTime } from '$lib/domain/time';
import type { TicketView } from '$lib/domain/queue';
import { translator, type Locale } from '$lib/i18n';
import type { DeviceService } from '../devices/devices';
import type { PrintQueue } from '../printing';
import type { SiteService } from '../site/site';

import { ticketDocument } from './ticket-slip';
import { operational } from '../ops/operational';

/** A slip printed later than this is no use to anyone: the resident has gone or been called. */
const TICKET_PRINT_EXPIRES_MS = 10 * 60_000;

/** What printing a ticket needs: the site's name and zone, where to print, the print queue. */
export interface TicketPrintingDeps {
	site: SiteService;
	devices: DeviceService;
	printing: PrintQueue;
}

/**
 * Prints a queue ticket on the kiosk's own printer (else the front desk's), in the language the
 * resident used.
 * Never fails the ticket: a printer fault is logged and the job waits in the print queue.
 */
export async function printTicket(
	app: TicketPrintingDeps,
	options: {
		ticket: TicketView;
		takenAt: Date;
		trackUrl: string;
		locale: Locale;
		kioskId: string | null;
	}
): Promise<void> {
	const printerId = app.devices.printerFor(options.kioskId);
	if (!printerId) return;
	const t = translator(options.locale);
	const { ticket } = options;
	const document = ticketDocument({
		site: app.site.site.name,
		label: ticket.label,
		service: t(`queue.service.${ticket.service}`),
		ahead: { label: t('ticket.ahead'), value: t('ticket.aheadValue', { count: ticket.ahead }) },
		wait: {
			label: t('ticket.wait'),
			value: t('ticket.waitValue', { minutes: ticket.waitMinutes })
		},
		takenAt: {
			label: t('ticket.takenAt'),
			value: clockTime(options.takenAt, app.site.site.timeZone)
		},
		follow: { url: options.trackUrl, caption: t('queue.followOnPhone') },
		footer: [t('ticket.footer')]
	});
	try {
		await app.printing.enqueue(null, {
			printerId,
			kind: 'ticket',
			document,
			expiresAt: new Date(options.takenAt.getTime() + TICKET_PRINT_EXPIRES_MS).toISOString()
		});
	} catch (e) {
		operational('error', `Ticket ${ticket.label} could not be queued for printing`, e);
	}
}
