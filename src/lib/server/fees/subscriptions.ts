import type { DomainEventBus } from '../events';
import type { ReceiptPrinting } from './receipt-printing';

/**
 * What the fees feature does when something happens elsewhere: a settled QR payment prints
 * its receipt, on the paying kiosk's own printer if it has one. Settlement never waits for the
 * printer (printing never blocks a payment), and a print problem never reaches it.
 */
export function subscribeFees(
	events: DomainEventBus,
	deps: { receipts: ReceiptPrinting }
): () => void {
	return events.on('payment:settled', async ({ intent, entry }) => {
		await deps.receipts.print(entry, {
			locale: intent.locale,
			origin: intent.origin,
			kioskId: intent.kioskId
		});
	});
}
