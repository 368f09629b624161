import { randomBytes } from 'node:crypto';
import type { SocketRouter } from './socket-router';
import { Server, type ServerOptions } from 'socket.io';
import { deviceState } from '$lib/domain/device';
import { publicNotice } from '$lib/domain/notice';
import type {
	DeskPushes,
	DeskSnapshot,
	PublicPushes,
	PublicSite,
	PublicSnapshot
} from '$lib/realtime/events';
import type { Site } from '$lib/domain/site';
import type { TodayOverview } from '$lib/domain/today';
import type { Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import { isAllowedOrigin, readCookie } from '../http/origin';
import { SESSION_COOKIE, type AuthService, type ActiveSession } from '../staff/sessions';
import type { DeviceService } from '../devices/devices';
import type { NoticeService } from '../notices/notices';
import type { PaymentService } from '../fees/payments';
import type { WorkBoards } from './work-boards';
import { BoardPushes } from './board-pushes';
import { TodayPushes } from './today-pushes';
import { wireDeskRequests } from './desk-requests';
import { ScreenPresence } from './presence';
import {
	deskNamespace,
	publicNamespace,
	type DeskNs,
	type PublicNs,
	type PublicSocket
} from './namespaces';
import type { QueueService } from '../queue/queue';
import type { SiteService } from '../site/site';

export interface RealtimeDeps {
	/** Hands this site's Socket.IO requests to its server (one HTTP server serves every site). */
	sockets: SocketRouter;
	/** The site this server pushes for. */
	siteId: string;
	clock: Clock;
	events: DomainEventBus;
	auth: AuthService;
	site: SiteService;
	notices: NoticeService;
	queue: QueueService;
	devices: DeviceService;
	payments: PaymentService;
	workBoards: WorkBoards;
	/** The manager's "today" overview now (pushed to the desks allowed to see it). */
	today: { compute(): Promise<TodayOverview> };
	/** ORIGIN, when Foyer runs behind a proxy. */
	origin?: string | undefined;
	/**
	 * Relays pushes to the sockets of the other processes sharing the database
	 * (push-relay.ts); none for one process.
	 */
	adapter?: ServerOptions['adapter'] | undefined;
	/** Where a failed push or desk request is logged (the console by default). */
	log?: (message: string, error: unknown) => void;
	/** Told how long a push took from its domain event (seconds): the push-latency metric. */
	observePush?: (event: string, seconds: number) => void;
}

/** Attaches Socket.IO to the HTTP server and turns domain events into pushes, in one place. */
export class Realtime {
	readonly io: Server;
	readonly epoch: string;
	readonly #public: PublicNs;
	readonly #desk: DeskNs;
	#publicVersion = 0;
	#deskVersion = 0;
	#clientsTimer: NodeJS.Timeout | null = null;
	/** Whether this process's own sockets changed since it last told the others. */
	#ownChanged = false;
	/** When the first event that a pending (debounced) board push carries was emitted. */
	#boardsSince: number | null = null;
	readonly #boards: BoardPushes;
	readonly #today: TodayPushes;
	/** The other processes' sockets (several processes); empty for one. */
	readonly #presence: ScreenPresence;
	/** Whether this process runs the clocks: in a cluster only the leader tells desks the count. */
	#leading = false;

	constructor(private readonly deps: RealtimeDeps) {
		// Unique per process, also across machines: pushes from several processes carry their own.
		this.epoch = `${deps.clock.now().getTime().toString(36)}-${process.pid}-${randomBytes(2).toString('hex')}`;
		// No connection state recovery: it does not survive a restart, and every (re)connect
		// gets a full snapshot anyway.
		this.io = new Server({
			serveClient: false,
			...(deps.adapter ? { adapter: deps.adapter } : {})
		});
		deps.sockets.bind(deps.siteId, this.io, { cors: { origin: false } });
		this.#public = publicNamespace(this.io);
		this.#desk = deskNamespace(this.io);
		this.#today = new TodayPushes(
			this.#desk,
			() => deps.today.compute(),
			(m, e) => (deps.log ?? console.error)(m, e)
		);
		this.#wirePublic();
		this.#wireDesk();
		this.#boards = new BoardPushes(
			this.#public,
			deps.workBoards,
			(board) => this.#pushBoth('workOrders:updated', { board }),
			(board) => {
				this.#pushBoth('rooms:updated', { board });
				// A meeting started or ended by the clock: the overview's rooms moved too.
				this.#today.changed();
			}
		);
		this.#wireEvents();
		this.#presence = new ScreenPresence({
			// The root namespace carries what processes say to each other; no client uses it.
			channel: deps.adapter ? this.io.of('/') : null,
			local: () => this.#ownScreens(),
			changed: (devices) => {
				if (this.#leading) this.#clientsChanged(false);
				// A screen came or went on another process: the overview's "offline" may change.
				if (devices && this.#leading) this.#today.changed();
			}
		});
	}

	/**
	 * The pushes that move with the clock rather than with an event: rooms and work boards
	 * (15 s / 1 min) and the managers' overview (1 min). One process of a cluster runs them —
	 * the leader — and the adapter carries its pushes to every screen. Returns the stop.
	 */
	startClocks(): () => void {
		const stops = [this.#boards.startClock(), this.#today.startClock()];
		this.#leading = true;
		// A new leader of a cluster tells the desks the count as it knows it.
		if (this.deps.adapter) this.#clientsChanged(false);
		return () => {
			this.#leading = false;
			stops.forEach((stop) => stop());
		};
	}

	/**
	 * Sockets connected now to this process, by kind: kiosk, board, panel (a room's door),
	 * unpaired, desk. For the metrics, which every process reports of its own (summed per site
	 * by whoever scrapes them).
	 */
	screens(): Record<'kiosk' | 'board' | 'panel' | 'unpaired' | 'desk', number> {
		const count = { kiosk: 0, board: 0, panel: 0, unpaired: 0, desk: this.#desk.sockets.size };
		const devices = new Map(this.deps.devices.list().map((d) => [d.id, d]));
		for (const socket of this.#public.sockets.values()) {
			const d = socket.data.deviceId ? devices.get(socket.data.deviceId) : undefined;
			count[
				!d ? 'unpaired' : d.kind === 'kiosk' ? 'kiosk' : d.board === 'room' ? 'panel' : 'board'
			]++;
		}
		return count;
	}

	/** Sockets connected now, by audience: to every process of the site (the desk's count). */
	clients(): { public: number; desk: number } {
		return this.#presence.clients({
			public: this.#public.sockets.size,
			desk: this.#desk.sockets.size
		});
	}

	/** What this process tells the others: its own sockets and paired screens. */
	#ownScreens() {
		const devices = [...this.#public.adapter.rooms.keys()]
			.filter((room) => room.startsWith('device:'))
			.map((room) => room.slice('device:'.length))
			.sort();
		const { epoch: from } = this;
		return { from, public: this.#public.sockets.size, desk: this.#desk.sockets.size, devices };
	}

	publicSnapshot(): PublicSnapshot {
		return {
			epoch: this.epoch,
			version: this.#publicVersion,
			serverTime: this.deps.clock.now().toISOString(),
			site: publicSite(this.deps.site.site),
			notices: this.deps.notices.live().map(publicNotice),
			queue: this.deps.queue.publicNow(),
			workOrders: this.deps.workBoards.public(),
			rooms: this.deps.workBoards.rooms()
		};
	}

	deskSnapshot(session: ActiveSession): DeskSnapshot {
		const { staff } = session;
		return {
			...this.publicSnapshot(),
			version: this.#deskVersion,
			me: { id: staff.id, displayName: staff.displayName, roles: staff.roles },
			clients: this.clients()
		};
	}

	/** Closes every socket and stops taking new ones; the HTTP server's owner closes it. */
	close(): void {
		if (this.#clientsTimer) clearTimeout(this.#clientsTimer);
		this.#presence.close();
		this.#boards.close();
		this.#today.close();
		this.io.disconnectSockets(true);
		this.deps.sockets.unbind(this.deps.siteId);
		// The cluster adapter's LISTEN connection goes back to its pool, so the pool can end.
		for (const ns of [this.io.of('/'), this.#public, this.#desk]) void ns.adapter.close();
	}

	/** Whether a paired screen is connected now, to this process or another of the site. */
	isOnline(deviceId: string): boolean {
		const here = (this.#public.adapter.rooms.get(`device:${deviceId}`)?.size ?? 0) > 0;
		return here || this.#presence.connectedElsewhere(deviceId);
	}

	#wirePublic(): void {
		this.#public.on('connection', (socket) => {
			socket.emit('snapshot', this.publicSnapshot());
			this.#pairedScreen(socket);
			// The only thing a public screen may ask for. Anything else it sends is ignored.
			socket.on('snapshot:get', (ack) => {
				if (typeof ack === 'function') ack(this.publicSnapshot());
			});
			socket.on('payment:watch', (id, ack) => {
				if (typeof id !== 'string' || typeof ack !== 'function') return;
				void this.deps.payments.get(id).then(
					(intent) => {
						if (intent) void socket.join(`intent:${intent.id}`);
						ack(intent ? this.deps.payments.view(intent) : null);
					},
					() => ack(null)
				);
			});
			this.#clientsChanged();
			socket.on('disconnect', () => this.#clientsChanged());
		});
	}

	/** A screen that sent its device token joins its own room and is told what it is. */
	#pairedScreen(socket: PublicSocket): void {
		const token = (socket.handshake.auth as { device?: unknown } | undefined)?.device;
		if (!token) return;
		const device = this.deps.devices.byToken(token);
		socket.emit('device:state', device ? deviceState(device) : null);
		if (!device) return;
		socket.data.deviceId = device.id;
		void socket.join(`device:${device.id}`);
		this.#boards.screenConnected(socket, device);
		// The overview counts screens offline: it is told once the last-seen time is written.
		const seen = () =>
			void this.deps.devices.seen(device.id).then(
				() => this.#today.changed(),
				() => {}
			);
		seen();
		socket.on('disconnect', seen);
	}

	#wireDesk(): void {
		this.#desk.use((socket, next) => {
			const { headers } = socket.handshake;
			if (!isAllowedOrigin(headers.origin, { host: headers.host, expected: this.deps.origin })) {
				return next(new Error('forbidden origin'));
			}
			this.deps.auth
				.session(readCookie(headers.cookie, SESSION_COOKIE))
				.then((session) => {
					if (!session) return next(new Error('unauthorized'));
					socket.data.session = session;
					next();
				})
				.catch(next);
		});
		this.#desk.on('connection', (socket) => {
			const session = socket.data.session;
			void socket.join(`session:${session.sessionHash}`);
			socket.emit('snapshot', this.deskSnapshot(session));
			socket.on('snapshot:get', (ack) => {
				if (typeof ack === 'function') ack(this.deskSnapshot(session));
			});
			wireDeskRequests(socket, { notices: this.deps.notices, session, log: this.deps.log });
			this.#today.deskConnected(socket);
			this.#clientsChanged();
			socket.on('disconnect', () => this.#clientsChanged());
		});
	}

	#wireEvents(): void {
		const { events } = this.deps;
		this.#today.listen(events);
		events.on('notice:published', (n) => this.#pushBoth('notice:published', publicNotice(n)));
		events.on('notice:cleared', (n) => this.#pushBoth('notice:cleared', { id: n.id }));
		events.on('site:updated', (site) => this.#pushBoth('site:updated', publicSite(site)));
		events.on('queue:changed', ({ queue, call }) =>
			this.#pushBoth('queue:updated', { queue, call })
		);
		events.on('device:changed', (d) => {
			this.#public.to(`device:${d.id}`).emit('device:state', deviceState(d));
			void this.#boards.deviceChanged(d);
		});
		events.on('workOrder:changed', (o) => {
			this.#pushDesk('workOrder:changed', { id: o.id, number: o.number, status: o.status });
			this.#boardsSince ??= events.dispatchStartedAt();
			this.#boards.changed();
		});
		events.on('sla:changed', () => this.#boards.changed());
		events.on('rating:added', (r) => this.#pushDesk('rating:added', { score: r.score }));
		events.on('booking:changed', (b) => {
			this.#pushDesk('booking:changed', { id: b.id, roomId: b.roomId, status: b.status });
			this.#boardsSince ??= events.dispatchStartedAt();
			this.#boards.roomsChanged();
		});
		events.on('device:reload', ({ deviceId }) =>
			this.#public.to(`device:${deviceId}`).emit('device:reload')
		);
		events.on('payment:updated', ({ intent, view }) =>
			this.#public.to(`intent:${intent.id}`).emit('payment:updated', view)
		);
		events.on('payment:flagged', (i) =>
			this.#pushDesk('payment:flagged', { intentId: i.id, unitId: i.unitId })
		);
		events.on('fees:changed', ({ unitId, entry }) =>
			this.#pushDesk('fees:changed', { unitId, entryId: entry?.id ?? null })
		);
		// A close locks a drawer-day: pages showing fees reload as for any other change.
		events.on('fees:closed', () => this.#pushDesk('fees:changed', { unitId: null, entryId: null }));
		events.on('print:changed', (c) =>
			this.#pushDesk('print:changed', {
				printerId: c.type === 'job' ? c.job.printerId : c.printer.id,
				jobId: c.type === 'job' ? c.job.id : null
			})
		);
		events.on('session:ended', ({ sessionHash }) =>
			this.#desk.in(`session:${sessionHash}`).disconnectSockets(true)
		);
	}

	#pushBoth<K extends keyof PublicPushes>(event: K, payload: PublicPushes[K]): void {
		this.#pushPublic(event, payload);
		this.#pushDesk(event, payload as DeskPushes[K]);
	}

	#pushPublic<K extends keyof PublicPushes>(event: K, payload: PublicPushes[K]): void {
		const versioned = { ...payload, epoch: this.epoch, version: ++this.#publicVersion };
		(this.#public.emit as (e: string, p: unknown) => boolean)(event, versioned);
		this.#pushed(event);
	}

	#pushDesk<K extends keyof DeskPushes>(event: K, payload: DeskPushes[K]): void {
		const versioned = { ...payload, epoch: this.epoch, version: ++this.#deskVersion };
		(this.#desk.emit as (e: string, p: unknown) => boolean)(event, versioned);
		this.#pushed(event);
	}

	/** Push latency: from the domain event being dispatched, or the first one a board push
	 * carries; pushes the clock makes (a board's minute tick) have no event and are not timed. */
	#pushed(event: string): void {
		const board = event === 'workOrders:updated' || event === 'rooms:updated';
		const since = this.deps.events.dispatchStartedAt() ?? (board ? this.#boardsSince : null);
		if (board) this.#boardsSince = null;
		if (since !== null) this.deps.observePush?.(event, (performance.now() - since) / 1000);
	}

	/**
	 * Staff see how many screens are connected; told at most once a second. In a cluster each
	 * process tells the others its sockets, and the leader alone pushes the cluster's count (one
	 * push per change, not one per process).
	 */
	#clientsChanged(own = true): void {
		this.#ownChanged ||= own;
		if (this.#clientsTimer) return;
		this.#clientsTimer = setTimeout(() => {
			this.#clientsTimer = null;
			if (this.#ownChanged) this.#presence.publish();
			this.#ownChanged = false;
			if (!this.deps.adapter || this.#leading) this.#pushDesk('clients:changed', this.clients());
		}, 1000);
	}
}

function publicSite(site: Site): PublicSite {
	const { name, nameEn, timeZone, ready, buildings } = site;
	return {
		name,
		nameEn,
		timeZone,
		ready,
		buildings: buildings.map(({ id, name, entrances }) => ({ id, name, entrances }))
	};
}
