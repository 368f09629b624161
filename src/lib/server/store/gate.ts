/**
 * A gate that writes of whole documents pass through, so that a backup can hold them off for
 * the moment it takes a snapshot (see docs/store.md, "Backups"). Day-log appends do not need
 * it: they write and fdatasync synchronously on the main thread, so a synchronous snapshot can
 * never see half of one. A document write is asynchronous (temp file, renames on libuv's pool)
 * and would otherwise be caught between its two renames.
 */
export class WriteGate {
	#active = 0;
	#held: Promise<void> | null = null;
	#idle: (() => void)[] = [];

	/** Runs one write; waits first while a snapshot holds the gate. */
	async pass<T>(write: () => Promise<T>): Promise<T> {
		while (this.#held) await this.#held;
		this.#active++;
		try {
			return await write();
		} finally {
			this.#active--;
			if (this.#active === 0) for (const wake of this.#idle.splice(0)) wake();
		}
	}

	/**
	 * Waits until no write is inside the gate, keeps new ones out, and runs `fn` (meant to be
	 * quick and synchronous: new document writes wait for it).
	 */
	async hold<T>(fn: () => T): Promise<T> {
		while (this.#held) await this.#held;
		let open = () => {};
		this.#held = new Promise<void>((r) => (open = r));
		try {
			if (this.#active > 0) await new Promise<void>((r) => this.#idle.push(r));
			return fn();
		} finally {
			this.#held = null;
			open();
		}
	}
}
