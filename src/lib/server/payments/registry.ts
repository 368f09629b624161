import type { PaymentProvider } from './provider';

/**
 * The payment providers Foyer can use right now: the sandbox always (it keeps serving intents
 * made with it), and the real providers staff enabled at the desk. The kiosk offers the real
 * ones when any is enabled, otherwise the sandbox, so `npm start` needs no merchant account.
 * Enabling or changing a provider swaps its instance; intents keep the name they were made with.
 */
export class PaymentProviders {
	#real: PaymentProvider[] = [];

	constructor(readonly sandbox: PaymentProvider) {}

	/** Replaces the real providers (after the configuration changed). */
	setReal(providers: readonly PaymentProvider[]): void {
		this.#real = [...providers];
	}

	/** The provider by name, if known. */
	get(name: string): PaymentProvider | undefined {
		if (name === this.sandbox.name) return this.sandbox;
		return this.#real.find((p) => p.name === name);
	}

	/** What the kiosk offers, in order (the first is the default). */
	choices(): string[] {
		return this.#real.length > 0 ? this.#real.map((p) => p.name) : [this.sandbox.name];
	}

	/** The enabled real providers (reconciliation fetches their bills). */
	real(): readonly PaymentProvider[] {
		return this.#real;
	}
}
