import { EventEmitter } from 'node:events';
import type { DailyClose } from '$lib/domain/daily-close';
import type { Device } from '$lib/domain/device';
import type { LedgerEntry } from '$lib/domain/fees';
import type { PaymentIntent } from '$lib/domain/payment';
import type { Booking } from '$lib/domain/booking';
import type { WorkOrder } from '$lib/domain/work-order';
import type { ServiceRating } from './satisfaction/service-ratings';
import type { Notice } from '$lib/domain/notice';
import type { PublicCall, PublicQueue } from '$lib/domain/queue';
import type { Site } from '$lib/domain/site';

/** What happened, as services tell it. The realtime layer turns these into pushes in one place. */
export interface DomainEvents {
	'notice:published': [Notice];
	'notice:cleared': [Notice];
	'site:updated': [Site];
	'session:ended': [{ sessionHash: string }];
	'staff:changed': [{ staffId: string }];
	/** The queue changed; `call` is set when a ticket was (re)called to a counter. */
	'device:changed': [Device];
	'device:reload': [{ deviceId: string }];
	'queue:changed': [{ queue: PublicQueue; call: PublicCall | null }];
	/** Bills or the ledger changed: for one unit (with the new entry), or many (a bill run). */
	'fees:changed': [{ unitId: string | null; entry: LedgerEntry | null }];
	'fees:closed': [DailyClose];
	/** A QR payment's intent changed status (paid, cancelled, expired, flagged). */
	'payment:updated': [PaymentIntent];
	/** Money arrived that could not be settled as it was: staff must look. */
	'payment:flagged': [PaymentIntent];
	/** Business hours or SLA targets changed: every board's countdowns move. */
	'sla:changed': [{ hours: unknown; targets: unknown }];
	/** A resident rated the service of a receipt (counter or kiosk). */
	'rating:added': [ServiceRating];
	/** A booking was made, changed, checked in to, released … */
	'booking:changed': [Booking];
	/** A work order was reported or changed. */
	'workOrder:changed': [WorkOrder];
}

/** A typed event bus. */
export class DomainEventBus {
	readonly #emitter = new EventEmitter();

	constructor() {
		this.#emitter.setMaxListeners(50);
	}

	emit<K extends keyof DomainEvents>(event: K, ...args: DomainEvents[K]): void {
		this.#emitter.emit(event, ...args);
	}

	/** Subscribes; returns the unsubscribe function. */
	on<K extends keyof DomainEvents>(event: K, fn: (...args: DomainEvents[K]) => void): () => void {
		const listener = fn as (...a: unknown[]) => void;
		this.#emitter.on(event, listener);
		return () => this.#emitter.off(event, listener);
	}
}
