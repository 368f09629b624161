import type { Clock } from '$lib/domain/time';
import type { AuditService } from '../audit/audit';
import {
	NotificationRejected,
	type IncomingNotification,
	type OrderStatus,
	type PaymentProvider
} from '../payments/provider';

/** What goes back to the provider, in its own format. */
export type NotificationReply = { status: number; body: string; contentType: string };

/**
 * A provider's HTTP notifications as they arrive: verified by the provider's own rules, checked
 * against the orders Foyer made, handed to settlement, and answered the way the provider expects
 * (it re-sends until accepted). The endpoint is open to the network, so rejections are audited
 * at most once a minute, with the count since: a flood must not fill the disk.
 */
export class NotificationDesk {
	#rejectedSince = { at: 0, count: 0 };

	constructor(
		private readonly o: {
			clock: Clock;
			audit: AuditService;
			/** Whether Foyer made an order with this reference, with this provider. */
			known: (reference: string, provider: string) => Promise<boolean>;
			/** Settles what the provider says; false when the payment cannot be accepted as it is. */
			settle: (status: OrderStatus) => Promise<boolean>;
			log?: (message: string, error: unknown) => void;
			/** Told of each refusal as it happens (the audit says it at most once a minute). */
			rejected?: (provider: string, reason: string) => void;
		}
	) {}

	async receive(provider: PaymentProvider, n: IncomingNotification): Promise<NotificationReply> {
		let status: OrderStatus;
		try {
			status = provider.verifyNotification(n);
		} catch (e) {
			// By name as well: the provider may come from another copy of its module (see errors.ts).
			if (!(e instanceof NotificationRejected) && (e as Error).name !== 'NotificationRejected')
				throw e;
			const rejected = e as NotificationRejected;
			await this.#rejected(provider.name, rejected.reason);
			return provider.reply(false, rejected.reason);
		}
		if (!(await this.o.known(status.reference, provider.name))) {
			await this.#rejected(provider.name, 'unknown');
			return provider.reply(false, 'unknown');
		}
		try {
			const accepted = await this.o.settle(status);
			return provider.reply(accepted, accepted ? undefined : 'amount');
		} catch (e) {
			this.o.log?.(`Payment ${status.reference} could not be settled yet`, e);
			return { ...provider.reply(false, 'retry'), status: 500 };
		}
	}

	async #rejected(provider: string, reason: string): Promise<void> {
		this.o.rejected?.(provider, reason);
		const now = this.o.clock.now().getTime();
		this.#rejectedSince.count++;
		if (now - this.#rejectedSince.at < 60_000) return;
		const count = this.#rejectedSince.count;
		this.#rejectedSince = { at: now, count: 0 };
		await this.o.audit.record(null, 'payment.notificationRejected', null, { reason, count });
	}
}
