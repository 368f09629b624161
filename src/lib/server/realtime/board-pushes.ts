import type { Device } from '$lib/domain/device';
import type { PublicRoomsBoard } from '$lib/domain/rooms-board';
import type { PublicWorkBoard } from '$lib/domain/work-order-board';
import type { WorkBoards } from './work-boards';
import type { PublicNs, PublicSocket } from './namespaces';

/** The Socket.IO room of screens paired as back-office. */
const BACK_OFFICE = 'backoffice';

/**
 * The boards whose content moves with the clock: work orders and meeting rooms.
 * The work-order boards on sockets. The public board goes to everyone (versioned, through
 * `pushPublic`); the detailed one only to the back-office room, which a screen joins when it
 * is paired as back-office and leaves the moment staff take that away. SLA countdowns move
 * with the clock, so both are re-sent each minute when they changed.
 */
export class BoardPushes {
	#timer: NodeJS.Timeout | null = null;
	#ticks = 0;
	#last = { public: '', backOffice: '', rooms: '' };

	constructor(
		private readonly ns: PublicNs,
		private readonly boards: WorkBoards,
		private readonly pushPublic: (board: PublicWorkBoard) => void,
		private readonly pushRooms: (board: PublicRoomsBoard) => void
	) {}

	/**
	 * Rooms turn "starting soon", "in use" and free by the clock: checked every 15 s, the work
	 * boards every minute. Run by one process of a cluster (the leader): its pushes reach every
	 * screen through the adapter. Returns the stop.
	 */
	startClock(): () => void {
		const timer = setInterval(() => {
			this.roomsChanged();
			if (++this.#ticks % 4 === 0) this.changed();
		}, 15_000);
		timer.unref();
		this.#timer = timer;
		return () => {
			clearInterval(timer);
			if (this.#timer === timer) this.#timer = null;
		};
	}

	/** A paired screen connected: back-office screens get the detail at once. */
	screenConnected(socket: PublicSocket, device: Device): void {
		if (device.status !== 'approved' || !device.backOffice) return;
		void socket.join(BACK_OFFICE);
		socket.emit('backoffice:workOrders', this.boards.backOffice());
	}

	/** Staff changed a screen: it is (or no longer is) in the back-office room. */
	async deviceChanged(d: Device): Promise<void> {
		const allowed = d.status === 'approved' && d.backOffice;
		for (const socket of await this.ns.in(`device:${d.id}`).fetchSockets()) {
			if (allowed) socket.join(BACK_OFFICE);
			else socket.leave(BACK_OFFICE);
		}
		if (allowed)
			this.ns.to(`device:${d.id}`).emit('backoffice:workOrders', this.boards.backOffice());
	}

	/** Sends each board if it differs from what was last sent. */
	changed(): void {
		const board = this.boards.public();
		const json = JSON.stringify(board);
		if (json !== this.#last.public) {
			this.#last.public = json;
			this.pushPublic(board);
		}
		if ((this.ns.adapter.rooms.get(BACK_OFFICE)?.size ?? 0) === 0) return;
		const detail = this.boards.backOffice();
		const detailJson = JSON.stringify(detail);
		if (detailJson === this.#last.backOffice) return;
		this.#last.backOffice = detailJson;
		this.ns.to(BACK_OFFICE).emit('backoffice:workOrders', detail);
	}

	/** Sends the rooms board if it differs from what was last sent. */
	roomsChanged(): void {
		const board = this.boards.rooms();
		const json = JSON.stringify(board);
		if (json === this.#last.rooms) return;
		this.#last.rooms = json;
		this.pushRooms(board);
	}

	close(): void {
		if (this.#timer) clearInterval(this.#timer);
	}
}
