import { FoyerError } from '$lib/domain/errors';
import type { LedgerEntry } from '$lib/domain/fees';
import { parseYuan } from '$lib/domain/money';
import { demand, type Acting } from '$lib/domain/permissions';
import type { Locale } from '$lib/i18n';
import type { DeviceService } from '../devices/devices';
import type { PrintQueue } from '../printing';
import type { QueueService } from '../queue/queue';
import { auditActor } from '../staff/acting';
import { deskPaymentSchema } from '$lib/domain/fees-input';
import type { FeesService } from './ledger';
import type { PaymentService } from './payments';
import type { ReceiptPrinting } from './receipt-printing';

export interface CashierDeps {
	fees: FeesService;
	payments: PaymentService;
	queue: QueueService;
	printing: PrintQueue;
	devices: DeviceService;
	receipts: ReceiptPrinting;
	log: (message: string, error: unknown) => void;
}

/** A payment at the counter as its form sent it; `tendered` is what the payer handed over. */
export interface CounterPayment {
	unitId: string;
	billIds: string[];
	method: string;
	/** Yuan as typed (cash only), or empty. */
	tendered: string;
	/** The queue ticket being served, if any. */
	ticketId: string | null;
}

/** Where a receipt's QR codes lead, and its language. */
export interface PrintContext {
	locale: Locale;
	/** The origin phones reach the e-receipt at, e.g. http://192.168.1.10:3000. */
	origin: string;
}

/**
 * The cashier's counter: take a payment and print its receipt, reprint, void or refund with
 * the slip, look at flagged QR payments. Each action is checked against the permission table;
 * a printer problem never undoes or fails the money.
 */
export class CashierDesk {
	constructor(private readonly deps: CashierDeps) {}

	/** Takes a payment into the cashier's own drawer and queues its receipt. */
	async pay(
		who: Acting,
		p: CounterPayment,
		o: PrintContext
	): Promise<{ entry: LedgerEntry; printed: boolean }> {
		demand(who.roles, 'fees.pay');
		const typed = p.tendered.trim();
		const tenderedFen = typed ? parseYuan(typed) : null;
		if (typed && tenderedFen === null) throw new FoyerError('error.amountFormat');
		const input = deskPaymentSchema.parse({
			unitId: p.unitId,
			billIds: p.billIds,
			method: p.method,
			tenderedFen: p.method === 'cash' ? tenderedFen : null,
			ticketId: p.ticketId
		});
		const actor = auditActor(who);
		const entry = await this.deps.fees.pay(actor, {
			...input,
			drawer: { id: who.id, name: who.displayName }
		});
		if (input.ticketId) {
			// The visit becomes the case record; a ticket gone meanwhile does not undo the payment.
			await this.deps.queue
				.link(actor, input.ticketId, { kind: 'payment', id: entry.id })
				.catch(() => {});
		}
		const job = await this.deps.receipts.print(entry, { ...o, actor });
		return { entry, printed: job !== null };
	}

	/** Prints a payment's receipt again, marked as a reprint. */
	async reprint(
		who: Acting,
		entryId: string,
		o: PrintContext
	): Promise<{ entry: LedgerEntry; printed: boolean }> {
		demand(who.roles, 'fees.reprint');
		const entry = this.deps.fees.entry(entryId);
		if (!entry || entry.kind !== 'payment') throw new FoyerError('error.entryNotFound', {}, 404);
		const job = await this.deps.receipts.print(entry, {
			...o,
			actor: auditActor(who),
			reprint: true
		});
		return { entry, printed: job !== null };
	}

	/**
	 * Voids a payment (a QR payment is refunded through the provider), then queues the slip on
	 * the front desk's printer for signatures. Returns the new entry (kind void or refund).
	 */
	async void(
		who: Acting,
		v: { entryId: string; reason: string },
		locale: Locale
	): Promise<LedgerEntry> {
		demand(who.roles, 'fees.void');
		const { fees, payments, devices, printing, receipts } = this.deps;
		const actor = auditActor(who);
		const entry = await fees.void(
			actor,
			{ id: who.id, name: who.displayName },
			{ entryId: v.entryId, reason: v.reason },
			(original) => {
				demand(who.roles, 'fees.refund');
				return payments.refund(original, v.reason);
			}
		);
		const printerId = devices.printerFor(null);
		if (printerId) {
			await printing
				.enqueue(actor, {
					printerId,
					kind: 'void',
					document: receipts.voidSlip(entry, locale, who.displayName)
				})
				.catch((e: unknown) => this.deps.log('Void slip could not be queued', e));
		}
		return entry;
	}

	/** Marks a flagged QR payment as looked at. */
	async resolveFlag(who: Acting, intentId: string): Promise<void> {
		demand(who.roles, 'fees.resolveFlag');
		await this.deps.payments.resolveFlags(auditActor(who), intentId);
	}
}
