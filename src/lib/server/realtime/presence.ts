import { z } from 'zod';

/** What one process tells the others about the sockets connected to it. */
export interface ProcessScreens {
	/** The process: its Realtime epoch (unique per process, also across machines). */
	from: string;
	/** Sockets on `/public` (kiosks, boards, door panels, phones following a payment). */
	public: number;
	/** Sockets on `/desk`. */
	desk: number;
	/** The paired screens connected, by device id. */
	devices: string[];
}

const screensSchema = z.object({
	from: z.string().min(1),
	public: z.number().int().nonnegative(),
	desk: z.number().int().nonnegative(),
	devices: z.array(z.string())
});

/**
 * How processes speak to each other: a Socket.IO namespace whose cluster adapter carries
 * `serverSideEmit` to every other process of the site (and never back to this one).
 */
export interface PresenceChannel {
	serverSideEmit(event: string, ...args: unknown[]): unknown;
	on(event: string, listener: (...args: never[]) => void): unknown;
}

/** Each process repeats what it has this often, so a process that starts learns it soon. */
export const PRESENCE_EVERY_MS = 5_000;
/**
 * A process not heard from for this long is gone (killed: a process that stops says so). Its
 * screens have reconnected elsewhere by then, or are offline.
 */
export const PRESENCE_TIMEOUT_MS = 15_000;

export interface PresenceOptions {
	/** Null for one process (the embedded store): there is no one to tell. */
	channel: PresenceChannel | null;
	/** This process's own sockets now. */
	local: () => ProcessScreens;
	/** Another process's sockets changed what the cluster has (`devices`: its paired screens). */
	changed: (devices: boolean) => void;
	/** Monotonic milliseconds (infrastructure time, not the site's clock). */
	now?: () => number;
}

/**
 * Which screens the whole cluster has connected, for the desk's count and a screen's "online",
 * read synchronously. Each process sends its own sockets to the others (`presence`) when they
 * change and every PRESENCE_EVERY_MS, asks for theirs when it starts (`presence:hello`), and says
 * `presence:gone` when it stops; what another process said is forgotten after
 * PRESENCE_TIMEOUT_MS without word. `fetchSockets()` would ask every process on each read,
 * asynchronously, and wait out a dead one; this answers from what was last heard.
 */
export class ScreenPresence {
	readonly #remote = new Map<string, { screens: ProcessScreens; heard: number }>();
	readonly #now: () => number;
	#timer: NodeJS.Timeout | null = null;
	#closed = false;

	constructor(private readonly o: PresenceOptions) {
		this.#now = o.now ?? (() => performance.now());
		const { channel } = o;
		if (!channel) return;
		channel.on('presence', (screens: unknown) => this.#heard(screens));
		channel.on('presence:hello', () => this.publish());
		channel.on('presence:gone', (from: unknown) => {
			if (typeof from === 'string') this.#forget(from);
		});
		this.#timer = setInterval(() => {
			this.publish();
			this.#expire();
		}, PRESENCE_EVERY_MS);
		this.#timer.unref();
		channel.serverSideEmit('presence:hello');
	}

	/** Tells the other processes what this one has connected now. */
	publish(): void {
		if (!this.#closed) this.o.channel?.serverSideEmit('presence', this.o.local());
	}

	/** Sockets connected across the cluster: this process's `own` and every other's. */
	clients(own: { public: number; desk: number }): { public: number; desk: number } {
		const total = { ...own };
		for (const { screens } of this.#live()) {
			total.public += screens.public;
			total.desk += screens.desk;
		}
		return total;
	}

	/** Whether another process has this paired screen connected. */
	connectedElsewhere(deviceId: string): boolean {
		return this.#live().some(({ screens }) => screens.devices.includes(deviceId));
	}

	/** Stops repeating and tells the others this process's sockets are gone. */
	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		if (this.#timer) clearInterval(this.#timer);
		this.o.channel?.serverSideEmit('presence:gone', this.o.local().from);
	}

	#live() {
		const since = this.#now() - PRESENCE_TIMEOUT_MS;
		return [...this.#remote.values()].filter((r) => r.heard > since);
	}

	#heard(data: unknown): void {
		const parsed = screensSchema.safeParse(data);
		if (!parsed.success || this.#closed) return;
		const screens = parsed.data;
		const before = this.#remote.get(screens.from)?.screens;
		this.#remote.set(screens.from, { screens, heard: this.#now() });
		if (!before) {
			if (screens.public + screens.desk > 0) this.o.changed(screens.devices.length > 0);
			return;
		}
		const devices = before.devices.join() !== screens.devices.join();
		if (devices || before.public !== screens.public || before.desk !== screens.desk) {
			this.o.changed(devices);
		}
	}

	#forget(from: string): void {
		const gone = this.#remote.get(from);
		this.#remote.delete(from);
		if (gone && gone.screens.public + gone.screens.desk > 0) {
			this.o.changed(gone.screens.devices.length > 0);
		}
	}

	#expire(): void {
		const since = this.#now() - PRESENCE_TIMEOUT_MS;
		for (const [from, r] of this.#remote) if (r.heard <= since) this.#forget(from);
	}
}
