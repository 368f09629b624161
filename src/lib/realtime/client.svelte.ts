import { io, type Socket } from 'socket.io-client';
import { receive, type PublicSnapshot, type Versioned } from './events';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/**
 * A screen's live copy of the server's snapshot. It connects, takes the snapshot sent on every
 * (re)connect, applies versioned pushes in order and, when it sees a gap or another server
 * start (epoch), asks for a fresh snapshot. Socket.IO reconnects by itself, also after the
 * server restarts, so a screen recovers without a reload.
 */
export class LiveSnapshot<S extends PublicSnapshot> {
	state = $state<S | null>(null);
	connection = $state<ConnectionState>('connecting');
	/** When the last snapshot or push arrived (ms, this device's clock). */
	lastUpdated = $state<number | null>(null);
	/** Server clock minus this device's, so clocks on screens show the server's time. */
	clockOffsetMs = $state(0);
	#socket: Socket | null = null;

	constructor(
		private readonly namespace: string,
		private readonly options: {
			withCredentials?: boolean;
			onEnded?: (reason: string) => void;
			/** A paired screen's token, sent with every (re)connect. */
			device?: () => string | null;
			/** Messages to this one screen, not versioned (device:state, device:reload,
			 * payment:updated, backoffice:*). */
			onDevice?: (event: string, payload: unknown) => void;
		} = {}
	) {}

	/** Connects; returns the cleanup that disconnects. */
	listen(): () => void {
		const socket = io(this.namespace, {
			withCredentials: this.options.withCredentials ?? false,
			reconnectionDelayMax: 3000,
			transports: ['websocket', 'polling'],
			// A function, so a reconnect sends the token as it is then.
			auth: (cb) => cb({ device: this.options.device?.() ?? null })
		});
		this.#socket = socket;
		socket.on('connect', () => (this.connection = 'online'));
		socket.on('disconnect', (reason) => {
			this.connection = 'offline';
			// The server ended this session (log-out): do not come back.
			if (reason === 'io server disconnect') this.options.onEnded?.(reason);
		});
		socket.on('connect_error', (err) => {
			this.connection = 'offline';
			if (err.message === 'unauthorized' || err.message === 'forbidden origin') {
				socket.disconnect();
				this.options.onEnded?.(err.message);
			}
		});
		socket.on('snapshot', (s: S) => this.#take(s));
		socket.onAny((event: string, payload: unknown) => {
			if (event === 'snapshot') return;
			if (
				event.startsWith('device:') ||
				event.startsWith('backoffice:') ||
				event === 'payment:updated'
			) {
				this.options.onDevice?.(event, payload);
				return;
			}
			this.#apply(event, payload as Versioned & Record<string, unknown>);
		});
		return () => {
			socket.disconnect();
			this.#socket = null;
		};
	}

	/** Sends a request that changes nothing on the server (e.g. payment:watch) and waits for
	 * its ack; null when not connected or no answer within `timeoutMs`. */
	ask<T>(event: string, arg: unknown, timeoutMs = 3000): Promise<T | null> {
		const socket = this.#socket;
		if (!socket?.connected) return Promise.resolve(null);
		return new Promise((resolve) => {
			socket.timeout(timeoutMs).emit(event, arg, (err: Error | null, value: T) => {
				resolve(err ? null : value);
			});
		});
	}

	#take(snapshot: S): void {
		this.state = snapshot;
		this.clockOffsetMs = Date.parse(snapshot.serverTime) - Date.now();
		this.lastUpdated = Date.now();
	}

	#apply(event: string, payload: Versioned & Record<string, unknown>): void {
		if (!this.state) return;
		const result = receive(this.state, event, payload);
		if (result === 'resync') this.#resync();
		else if (result !== 'seen') {
			this.state = result.apply;
			this.lastUpdated = Date.now();
		}
	}

	#resync(): void {
		this.#socket?.emit('snapshot:get', (s: S) => this.#take(s));
	}
}
