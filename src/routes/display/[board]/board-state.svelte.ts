import type { BackOfficeBoard } from '$lib/domain/work-order-board';

/** The server's time on this screen, ticking each second: countdowns and page turns. */
export class BoardClock {
	#local = $state(Date.now());

	/** @param offsetMs server clock minus this device's (LiveSnapshot.clockOffsetMs). */
	constructor(private readonly offsetMs: () => number) {}

	get now(): number {
		return this.#local + this.offsetMs();
	}

	/** Starts ticking; returns the cleanup that stops. */
	listen(): () => void {
		const timer = setInterval(() => (this.#local = Date.now()), 1000);
		return () => clearInterval(timer);
	}
}

/**
 * The back-office detail. The server sends `backoffice:workOrders` only to screens paired as
 * back-office: on connect (right after `device:state`), on every change, and when staff make a
 * screen back-office. Nothing says "you may not", so a screen that has heard nothing a few
 * seconds after connecting or after its setup changed is not (or no longer) one, and drops any
 * detail it still holds.
 */
export class BackOfficeFeed {
	board = $state<BackOfficeBoard | null>(null);
	/** Waited and heard nothing: this screen may not show the back-office board. */
	denied = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly graceMs = 3000) {}

	/** Takes a `backoffice:workOrders` message (from PublicLive's onDevice). */
	receive(board: BackOfficeBoard): void {
		clearTimeout(this.#timer);
		this.board = board;
		this.denied = false;
	}

	/** The server would send the detail now if allowed (a `device:state` arrived): wait for it. */
	expect(): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.board = null;
			this.denied = true;
		}, this.graceMs);
	}

	/** Starts waiting for the first detail; returns the cleanup. */
	listen(): () => void {
		this.expect();
		return () => clearTimeout(this.#timer);
	}
}
