import type { PaymentIntent } from '$lib/domain/payment';
import type { Clock } from '$lib/domain/time';
import type { OrderStatus, PaymentProvider } from '../payments/provider';
import type { RecordLog } from '../store/contract';

/** What the sweep asks of the payment service: the intents, their providers, and the outcomes. */
export interface SweepDeps {
	intents: RecordLog<PaymentIntent>;
	clock: Clock;
	/** The intent's provider, with its own query pace if it sets one. */
	providerOf: (intent: PaymentIntent) => PaymentProvider;
	/** The pace for providers that set none. */
	queryEveryMs: number;
	settle: (status: OrderStatus) => Promise<unknown>;
	expire: (intent: PaymentIntent) => Promise<unknown>;
	/** Other questions to ask on the same tick (refunds awaiting confirmation), skipping `busy` ids. */
	alsoAsk: (busy: Set<string>) => Promise<void>[];
	log?: ((message: string, error: unknown) => void) | undefined;
}

/**
 * The payment status sweep: asks the provider about each pending intent at the provider's pace
 * (a third of it after a minute on screen), settles those paid without a notification and
 * closes those past expiry. One question at a time per intent; a slow provider holds no other.
 */
export class PaymentSweep {
	/** Pending intents, and when the provider was last asked about each (0: not yet). */
	readonly #pending = new Map<string, number>();
	/** Intents whose provider is being asked right now. */
	readonly #asking = new Set<string>();
	#timer: NodeJS.Timeout | null = null;

	constructor(private readonly deps: SweepDeps) {}

	/** Asks about `id` from now on; `askedAt` 0 asks at the next tick. */
	watch(id: string, askedAt = 0): void {
		this.#pending.set(id, askedAt);
	}

	/** Asks about `id` from now on, unless it is asked about already (another process opened it). */
	follow(id: string): void {
		if (!this.#pending.has(id)) this.#pending.set(id, this.deps.clock.now().getTime());
	}

	/** Stops asking about `id` (settled, closed or flagged). */
	forget(id: string): void {
		this.#pending.delete(id);
	}

	/** One round: every pending intent due a question, and the other questions. */
	async sweep(): Promise<void> {
		const asks: Promise<void>[] = [];
		for (const id of [...this.#pending.keys()]) {
			if (this.#asking.has(id)) continue;
			this.#asking.add(id);
			asks.push(this.#ask(id).finally(() => this.#asking.delete(id)));
		}
		asks.push(...this.deps.alsoAsk(this.#asking));
		await Promise.all(asks);
	}

	async #ask(id: string): Promise<void> {
		const now = this.deps.clock.now().getTime();
		const asked = this.#pending.get(id) ?? 0;
		try {
			const intent = await this.deps.intents.get(id);
			if (!intent || intent.status !== 'pending') {
				this.#pending.delete(id);
				return;
			}
			const provider = this.deps.providerOf(intent);
			const every = provider.queryEveryMs ?? this.deps.queryEveryMs;
			const expired = now >= Date.parse(intent.expiresAt);
			const pace = now - Date.parse(intent.at) > 60_000 ? every * 3 : every;
			if (!expired && now - asked < pace) return;
			this.#pending.set(id, now);
			if (expired) await this.deps.expire(intent);
			else await this.deps.settle(await provider.query(id));
		} catch (e) {
			this.deps.log?.(`Payment ${id}: asking the provider failed`, e);
		}
	}

	/** Sweeps every 250 ms until stopped. */
	start(): void {
		const tick = () => {
			// Not awaited: a slow provider's answer must not delay the next tick's other intents.
			void this.sweep();
			if (this.#timer) this.#timer = setTimeout(tick, 250);
		};
		this.#timer = setTimeout(tick, 250);
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
