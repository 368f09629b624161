import type { Component } from 'svelte';

/** How long after a failed fetch a wanted screen is tried again (it also retries at once when
 * the connection comes back, see `retry`). */
const RETRY_MS = 3000;

/**
 * A task screen fetched on demand, so the attract and home screens ship only themselves.
 * `load()` starts the fetch (idempotent; the tiles call it on pointerdown, before the click);
 * `component` is set once it arrived. A failed fetch (the server is down) is never shown as an
 * error: the screen keeps its loading state and tries again every few seconds while it is
 * wanted, and at once when `retry()` is called (the kiosk does so when it is back online).
 */
export class LazyScreen<
	Props extends object,
	Exports extends object = object,
	Bindings extends keyof Props | '' = ''
> {
	component = $state<Component<Props, Exports, Bindings> | undefined>(undefined);
	#pending: Promise<void> | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** The last fetch failed: a retry is due. */
	#failed = false;
	readonly #importer: () => Promise<{ default: Component<Props, Exports, Bindings> }>;

	constructor(importer: () => Promise<{ default: Component<Props, Exports, Bindings> }>) {
		this.#importer = importer;
	}

	load = (): Promise<void> => {
		if (this.component) return Promise.resolve();
		this.#pending ??= this.#importer().then(
			(module) => {
				this.#failed = false;
				this.component = module.default;
			},
			() => {
				this.#failed = true;
				this.#pending = undefined;
				clearTimeout(this.#timer);
				this.#timer = setTimeout(() => void this.load(), RETRY_MS);
			}
		);
		return this.#pending;
	};

	/** Tries again now if an earlier fetch failed (and none is under way); otherwise nothing. */
	retry = (): void => {
		if (!this.#failed || this.#pending) return;
		clearTimeout(this.#timer);
		void this.load();
	};
}
