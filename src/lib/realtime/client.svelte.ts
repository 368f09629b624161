import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Notice } from '$lib/domain/notice';
import type { IntentView } from '$lib/domain/payment';
import type { TodayOverview } from '$lib/domain/today';
import {
	DESK_NAMESPACE,
	PUBLIC_NAMESPACE,
	isPush,
	type DeskAnswer,
	type DeskClientToServer,
	type DeskServerToClient,
	type DeskSnapshot,
	type NoticeForm,
	type PublicClientToServer,
	type PublicServerToClient,
	type PublicSnapshot,
	type ScreenMessage,
	type Versioned
} from './events';
import { deliver, HOLD_MS, type Held } from './push-order';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** The browser's end of each namespace, typed by the same contract as the server's. */
export type PublicSocket = Socket<PublicServerToClient, PublicClientToServer>;
export type DeskSocket = Socket<DeskServerToClient, DeskClientToServer>;

/** A socket seen through no event map: only its reserved events (connect, disconnect) and
 * `onAny`, which both namespaces share. */
type NoEvents = Record<never, never>;

export interface LiveOptions {
	withCredentials?: boolean;
	onEnded?: (reason: string) => void;
	/** A paired screen's token, sent with every (re)connect. */
	device?: () => string | null;
	/** Messages to this one screen, not versioned (device:state, device:reload,
	 * payment:updated, backoffice:*); `event` narrows `payload`. */
	onDevice?: (...message: ScreenMessage) => void;
}

/**
 * A screen's live copy of the server's snapshot. It connects, takes the snapshot sent on every
 * (re)connect and applies versioned pushes in each sending process's order (several processes
 * push to one screen in a cluster); a push whose predecessor has not come waits for it up to
 * HOLD_MS, then the screen asks for a fresh snapshot. Socket.IO reconnects by itself, also
 * after the server restarts, so a screen recovers without a reload.
 *
 * One subclass per namespace (PublicLive, DeskLive): each opens a socket typed by the contract
 * for it, so no event name or payload is taken on trust here.
 */
export abstract class LiveSnapshot<S extends PublicSnapshot> {
	state = $state<S | null>(null);
	connection = $state<ConnectionState>('connecting');
	/** When the last snapshot or push arrived (ms, this device's clock). */
	lastUpdated = $state<number | null>(null);
	/** Server clock minus this device's, so clocks on screens show the server's time. */
	clockOffsetMs = $state(0);

	/** Pushes that came before their predecessor (see push-order.ts). */
	#held: Held[] = [];
	#holdTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(protected readonly options: LiveOptions = {}) {}

	/** Opens this namespace's socket and routes its snapshots to `take`; returns the cleanup
	 * that disconnects. */
	protected abstract open(): () => void;
	/** Asks for a fresh snapshot (after a missed push or a server restart). */
	protected abstract resync(): void;

	/** Connects; returns the cleanup that disconnects. */
	listen(): () => void {
		return this.open();
	}

	/** The connection options both namespaces share. */
	protected socketOptions(): Partial<ManagerOptions & SocketOptions> {
		return {
			withCredentials: this.options.withCredentials ?? false,
			reconnectionDelayMax: 3000,
			// WebSocket only: one connection to one process, so no sticky sessions are needed when
			// several processes serve the address (docs/cluster.md). Polling would spread one
			// session's requests over processes that do not know it.
			transports: ['websocket'],
			// A function, so a reconnect sends the token as it is then.
			auth: (cb) => cb({ device: this.options.device?.() ?? null })
		};
	}

	/** Connection state and versioned pushes, the same on either namespace. */
	protected wire(socket: Socket<NoEvents, NoEvents>): void {
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
		// Pushes by name (the contract's list); the snapshot and screen messages have listeners
		// of their own.
		socket.onAny((event: string, payload: Versioned) => {
			if (isPush(event)) this.#apply(event, payload);
		});
	}

	protected take(snapshot: S): void {
		// The count of applied pushes goes on: a call after a re-sync must still flash.
		this.state = { ...snapshot, applied: this.state?.applied ?? 0 };
		this.#release();
		this.clockOffsetMs = Date.parse(snapshot.serverTime) - Date.now();
		this.lastUpdated = Date.now();
	}

	#apply(event: string, payload: Versioned): void {
		if (!this.state) return;
		const { state, held } = deliver(this.state, this.#held, { event, payload });
		if (state !== this.state) {
			this.state = state;
			this.lastUpdated = Date.now();
		}
		this.#held = held;
		if (!held.length) this.#release();
		else
			this.#holdTimer ??= setTimeout(() => {
				// The missing push never came: start over from a snapshot.
				this.#release();
				this.resync();
			}, HOLD_MS);
	}

	#release(): void {
		this.#held = [];
		if (this.#holdTimer) clearTimeout(this.#holdTimer);
		this.#holdTimer = null;
	}
}

/** Kiosks, wall displays, door panels: `/public`. */
export class PublicLive extends LiveSnapshot<PublicSnapshot> {
	#socket: PublicSocket | null = null;

	protected open(): () => void {
		const socket: PublicSocket = io(PUBLIC_NAMESPACE, this.socketOptions());
		this.#socket = socket;
		this.wire(socket);
		socket.on('snapshot', (s) => this.take(s));
		const on = this.options.onDevice;
		if (on) {
			socket.on('device:state', (state) => on('device:state', state));
			socket.on('device:reload', () => on('device:reload', undefined));
			socket.on('payment:updated', (intent) => on('payment:updated', intent));
			socket.on('backoffice:workOrders', (board) => on('backoffice:workOrders', board));
		}
		return () => {
			socket.disconnect();
			this.#socket = null;
		};
	}

	protected resync(): void {
		this.#socket?.emit('snapshot:get', (s) => this.take(s));
	}

	/** Asks to hear a QR payment's status (`payment:updated`) and waits for where it stands now;
	 * null when not connected, unknown, or no answer within `timeoutMs`. Changes nothing. */
	watchPayment(intentId: string, timeoutMs = 3000): Promise<IntentView | null> {
		const socket = this.#socket;
		if (!socket?.connected) return Promise.resolve(null);
		return new Promise((resolve) => {
			socket.timeout(timeoutMs).emit('payment:watch', intentId, (err, intent) => {
				resolve(err ? null : intent);
			});
		});
	}
}

/** Staff pages: `/desk`, authenticated by the session cookie. */
export class DeskLive extends LiveSnapshot<DeskSnapshot> {
	#socket: DeskSocket | null = null;
	/** The manager's "today" overview, as last pushed (only to desks allowed to see it). */
	overview = $state<TodayOverview | null>(null);

	protected open(): () => void {
		const socket: DeskSocket = io(DESK_NAMESPACE, this.socketOptions());
		this.#socket = socket;
		this.wire(socket);
		socket.on('snapshot', (s) => this.take(s));
		socket.on('overview:today', (o) => (this.overview = o));
		return () => {
			socket.disconnect();
			this.#socket = null;
		};
	}

	protected resync(): void {
		this.#socket?.emit('snapshot:get', (s) => this.take(s));
	}

	/**
	 * Publishes a notice over this connection (no HTTP round trip); null when it is not
	 * connected, so the page posts its form instead.
	 */
	publishNotice(input: NoticeForm): Promise<DeskAnswer<{ notice: Notice }>> | null {
		const socket = this.#socket;
		if (!socket?.connected) return null;
		return new Promise((resolve) => socket.emit('notice:publish', input, resolve));
	}
}
