import type { DomainEventBus } from '../events';
import type { ReceiptOutbox } from './receipt-outbox';

/**
 * What the fees feature does when something happens elsewhere: a settled QR payment prints
 * its receipt, on the paying kiosk's own printer if it has one. Settlement never waits for the
 * printer (printing never blocks a payment), and a print problem never reaches it; a receipt
 * this misses (the process died) is printed by the outbox's sweep.
 */
export function subscribeFees(events: DomainEventBus, deps: { outbox: ReceiptOutbox }): () => void {
	return events.on('payment:settled', async ({ intent, entry }) => {
		await deps.outbox.print(intent, entry);
	});
}
