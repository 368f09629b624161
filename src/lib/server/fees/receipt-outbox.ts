import type { LedgerEntry } from '$lib/domain/fees';
import type { PaymentIntent } from '$lib/domain/payment';
import type { Clock } from '$lib/domain/time';
import type { DeviceService } from '../devices/devices';
import type { FeesService } from './ledger';
import type { PaymentService } from './payments';
import type { ReceiptPrinting } from './receipt-printing';

/** How long a settled receipt may wait for its own process to record the job. */
const GRACE_MS = 30_000;
/** How often the leader looks for receipts still owed. */
const EVERY_MS = 60_000;

export interface ReceiptOutboxDeps {
	clock: Clock;
	payments: PaymentService;
	receipts: ReceiptPrinting;
	fees: FeesService;
	devices: DeviceService;
	log: (message: string, error: unknown) => void;
}

/**
 * The receipt a QR payment owes, never lost: settlement marks the intent `receipt: owed` in the
 * same write that marks it paid (the outbox), the settling process then records the print job
 * and marks it `queued`. Should that process die in between, the leader finds the receipt still
 * owed a little later and prints it. The payment's push needs no such care: a kiosk that missed
 * it asks again when it reconnects or polls (its snapshot and `GET` give the paid state).
 */
export class ReceiptOutbox {
	constructor(private readonly deps: ReceiptOutboxDeps) {}

	/** Prints a settled intent's receipt and says so on the intent. */
	async print(intent: PaymentIntent, entry: LedgerEntry): Promise<void> {
		const hasPrinter = this.deps.devices.printerFor(intent.kioskId ?? null) !== null;
		const job = hasPrinter
			? await this.deps.receipts.print(entry, {
					locale: intent.locale,
					origin: intent.origin,
					kioskId: intent.kioskId
				})
			: null;
		// A job that could not be recorded stays owed: the next look tries it again.
		if (hasPrinter && !job) return;
		await this.deps.payments.receiptDone(intent.id, job ? 'queued' : 'none');
	}

	/** Prints every receipt owed for longer than its own process needs to record it. */
	async sweep(): Promise<number> {
		let printed = 0;
		const now = this.deps.clock.now().getTime();
		for (const intent of await this.deps.payments.owedReceipts()) {
			const entry = intent.entryId ? this.deps.fees.entry(intent.entryId) : undefined;
			if (!entry || now - Date.parse(entry.at) < GRACE_MS) continue;
			await this.print(intent, entry);
			printed++;
		}
		return printed;
	}

	/** The leader's clock: a look now and every minute. Returns the stop. */
	start(): () => void {
		const look = () =>
			void this.sweep().catch((e: unknown) => this.deps.log('Owed receipts: a look failed', e));
		look();
		const timer = setInterval(look, EVERY_MS);
		timer.unref();
		return () => clearInterval(timer);
	}
}
