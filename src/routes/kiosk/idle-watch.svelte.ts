/** How long a touch-less screen waits before warning, and how long the warning counts down. */
export interface IdlePolicy {
	idleMs: number;
	warnMs: number;
}

export const DEFAULT_IDLE: IdlePolicy = { idleMs: 60_000, warnMs: 30_000 };

/**
 * Watches for touches. After `idleMs` without one, `warning` counts down from `warnMs`; a
 * touch dismisses it; when it reaches zero, `onReset` ends the visit.
 */
export class IdleWatch {
	/** Seconds left on the warning; null while no warning shows. */
	warning = $state<number | null>(null);
	#lastTouch = Date.now();
	#active = false;

	constructor(
		private readonly policy: IdlePolicy,
		private readonly onReset: () => void
	) {}

	/** Whether the watch runs (not on the attract screen). */
	set active(on: boolean) {
		this.#active = on;
		this.touch();
	}

	touch = (): void => {
		this.#lastTouch = Date.now();
		this.warning = null;
	};

	/** Starts the watch; returns its cleanup. */
	listen(): () => void {
		const timer = setInterval(() => this.#check(), 250);
		return () => clearInterval(timer);
	}

	#check(): void {
		if (!this.#active) return;
		const idle = Date.now() - this.#lastTouch;
		if (idle < this.policy.idleMs) return;
		const left = this.policy.idleMs + this.policy.warnMs - idle;
		if (left <= 0) {
			this.warning = null;
			this.onReset();
		} else {
			this.warning = Math.ceil(left / 1000);
		}
	}
}
