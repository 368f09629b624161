/** Whose hash it is: the client address and the account (or panel) it is for, when known. */
export interface HashFor {
	address?: string;
	account?: string;
}

interface Job {
	who: HashFor;
	start(): void;
}

/** Thrown at once when an address already has a hash running or waiting. */
export class HashBusyError extends Error {
	constructor() {
		super('a hash for this address is already running or queued');
		this.name = 'HashBusyError';
	}
}

/**
 * Runs password hashes so that nobody's junk delays somebody else for long: at most
 * `concurrency` at once for the whole server (each scrypt hash takes 128 MiB and a core), one
 * at a time per account (the others wait their turn), and at most one running or waiting per
 * client address: a second one from the same address is refused at once (HashBusyError) instead
 * of queued, so a flood from one address holds one slot and a log-in from elsewhere takes the
 * other. Waiting hashes start in arrival order.
 */
export class HashScheduler {
	#running = 0;
	readonly #queue: Job[] = [];
	/** Addresses with a hash running or waiting. */
	readonly #addresses = new Set<string>();
	/** Accounts with a hash running. */
	readonly #accounts = new Set<string>();

	constructor(private readonly concurrency: number) {}

	/**
	 * Runs `work` when a slot is free. Throws HashBusyError synchronously when `who.address`
	 * already has a hash running or waiting: callers decide before their first await.
	 */
	run<T>(work: () => Promise<T>, who: HashFor = {}): Promise<T> {
		const { address, account } = who;
		if (address !== undefined && this.#addresses.has(address)) throw new HashBusyError();
		if (address !== undefined) this.#addresses.add(address);
		return new Promise<T>((resolve, reject) => {
			this.#queue.push({
				who,
				start: () => {
					this.#running++;
					if (account !== undefined) this.#accounts.add(account);
					// The slot is freed before the caller hears the answer, so it may try again at once.
					const done = () => {
						this.#running--;
						if (account !== undefined) this.#accounts.delete(account);
						if (address !== undefined) this.#addresses.delete(address);
						this.#next();
					};
					// A work that throws at once is a rejection like any other.
					new Promise<T>((ran) => ran(work())).then(
						(value) => {
							done();
							resolve(value);
						},
						(e: unknown) => {
							done();
							reject(e);
						}
					);
				}
			});
			this.#next();
		});
	}

	/** Hashes running now (for tests and the benchmark). */
	get running(): number {
		return this.#running;
	}

	#next(): void {
		for (let i = 0; i < this.#queue.length && this.#running < this.concurrency;) {
			const job = this.#queue[i]!;
			const account = job.who.account;
			if (account !== undefined && this.#accounts.has(account)) {
				i++;
				continue;
			}
			this.#queue.splice(i, 1);
			job.start();
		}
	}
}
