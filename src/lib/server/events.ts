import type { DailyClose } from '$lib/domain/daily-close';
import type { Device } from '$lib/domain/device';
import type { LedgerEntry } from '$lib/domain/fees';
import type { IntentView, PaymentIntent } from '$lib/domain/payment';
import type { Booking } from '$lib/domain/booking';
import type { WorkOrder } from '$lib/domain/work-order';
import type { ServiceRating } from '$lib/domain/satisfaction';
import type { Notice } from '$lib/domain/notice';
import type { PublicCall, PublicQueue } from '$lib/domain/queue';
import type { Site } from '$lib/domain/site';
import type { PrintChange } from './printing/schema';

/**
 * Everything that happens, as services tell it: the one channel between features. A feature
 * that reacts to another's event subscribes in its own `subscriptions.ts`; the realtime layer
 * turns events into pushes in one place. Each event carries what its pushes need, so no
 * subscriber has to call the emitting service back.
 */
export interface DomainEvents {
	'notice:published': [Notice];
	'notice:cleared': [Notice];
	'site:updated': [Site];
	'session:ended': [{ sessionHash: string }];
	'staff:changed': [{ staffId: string }];
	'device:changed': [Device];
	'device:reload': [{ deviceId: string }];
	/** The queue changed; `call` is set when a ticket was (re)called to a counter. */
	'queue:changed': [{ queue: PublicQueue; call: PublicCall | null }];
	/** Bills or the ledger changed: for one unit (with the new entry), or many (a bill run). */
	'fees:changed': [{ unitId: string | null; entry: LedgerEntry | null }];
	'fees:closed': [DailyClose];
	/** A QR payment's intent changed status (paid, cancelled, expired, flagged), with what
	 * the kiosk watching it is shown. */
	'payment:updated': [{ intent: PaymentIntent; view: IntentView }];
	/** A QR payment was settled once: its ledger entry holds the receipt number. */
	'payment:settled': [{ intent: PaymentIntent; entry: LedgerEntry }];
	/** Money arrived that could not be settled as it was: staff must look. */
	'payment:flagged': [PaymentIntent];
	/** Business hours or SLA targets changed: every board's countdowns move. */
	'sla:changed': [{ hours: unknown; targets: unknown }];
	/** A resident rated the service of a receipt (counter or kiosk). */
	'rating:added': [ServiceRating];
	/** A booking was made, changed, checked in to, released … */
	'booking:changed': [Booking];
	/** An AV check before a meeting failed: `text` says what failed, for a repair order. */
	'booking:avFailed': [{ booking: Booking; text: string }];
	/** A work order was reported or changed. */
	'workOrder:changed': [WorkOrder];
	/** A print job or a printer's state changed. */
	'print:changed': [PrintChange];
}

export type DomainEvent = keyof DomainEvents;
/** A listener; what it returns is ignored unless it is a promise (its asynchronous work). */
type Listener<K extends DomainEvent> = (...args: DomainEvents[K]) => unknown;

/**
 * The typed domain event bus. Listeners run in subscription order, synchronously; one that
 * returns a promise is not waited for by `emit` (pushes and prints must never hold up the
 * change that caused them), but is by `settle`, for the few changes whose answer depends on
 * what a subscriber did (a failed AV check answers with the repair order it opened). A
 * listener's failure is logged and never reaches the emitter or the other listeners.
 */
export class DomainEventBus {
	readonly #listeners = new Map<DomainEvent, Set<Listener<never>>>();
	/** performance.now() when the outermost event being dispatched now was emitted. */
	#dispatching: number | null = null;

	constructor(
		private readonly log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
		/** Told of every event before its subscribers (the event log line, docs/operations.md). */
		private readonly observe?: <K extends DomainEvent>(event: K, args: DomainEvents[K]) => void
	) {}

	/** Tells every subscriber; does not wait for their asynchronous work. */
	emit<K extends DomainEvent>(event: K, ...args: DomainEvents[K]): void {
		for (const p of this.#run(event, args)) p.catch((e: unknown) => this.#failed(event, e));
	}

	/**
	 * While subscribers run synchronously, when (performance.now()) the event that started it
	 * all was emitted; otherwise null. The realtime layer measures push latency from it.
	 */
	dispatchStartedAt(): number | null {
		return this.#dispatching;
	}

	/** Tells every subscriber and resolves once all of their work has finished; rejects with
	 * the first failure (after logging it), so a change that depends on its subscribers fails. */
	async settle<K extends DomainEvent>(event: K, ...args: DomainEvents[K]): Promise<void> {
		const results = await Promise.allSettled(this.#run(event, args));
		const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		for (const e of failures) this.#failed(event, e);
		if (failures.length) throw failures[0];
	}

	/** Subscribes; returns the unsubscribe function. */
	on<K extends DomainEvent>(event: K, fn: Listener<K>): () => void {
		let set = this.#listeners.get(event);
		if (!set) this.#listeners.set(event, (set = new Set()));
		set.add(fn as Listener<never>);
		return () => set.delete(fn as Listener<never>);
	}

	/** Calls each listener; a synchronous failure is logged, asynchronous work is returned. */
	#run<K extends DomainEvent>(event: K, args: DomainEvents[K]): Promise<unknown>[] {
		const pending: Promise<unknown>[] = [];
		const outer = this.#dispatching;
		this.#dispatching ??= performance.now();
		try {
			this.observe?.(event, args);
		} catch (e) {
			this.#failed(event, e);
		}
		for (const fn of this.#listeners.get(event) ?? []) {
			try {
				const r = (fn as Listener<K>)(...args);
				if (r instanceof Promise) pending.push(r);
			} catch (e) {
				this.#failed(event, e);
			}
		}
		this.#dispatching = outer;
		return pending;
	}

	#failed(event: DomainEvent, e: unknown): void {
		this.log(`A ${event} subscriber failed`, e);
	}
}
