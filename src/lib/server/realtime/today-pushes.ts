import { can } from '$lib/domain/permissions';
import type { TodayOverview } from '$lib/domain/today';
import type { DomainEventBus } from '../events';
import type { DeskNs, DeskSocket } from './namespaces';

/** The Socket.IO room of desks allowed to see the overview. */
const OVERVIEW = 'overview';
/** At most one push per this long: a payment or a call is several events in a row. */
export const THROTTLE_MS = 500;
/** Waits and SLAs move with the clock: recomputed this often even when nothing happened. */
const EVERY_MS = 60_000;
/** How long a first change waits for the rest of its burst. */
const COALESCE_MS = 100;

/**
 * The manager's "today" overview on desk sockets. Only sockets whose session may see it
 * (`overview.view`) join its room, so nothing of it reaches other desks or any public screen.
 * Every change asks for a recompute; bursts are folded into one push at most every
 * THROTTLE_MS, and a push is skipped when no figure changed.
 */
export class TodayPushes {
	#timer: NodeJS.Timeout | null = null;
	#pending: NodeJS.Timeout | null = null;
	#lastPushAt = 0;
	#last = '';

	constructor(
		private readonly ns: DeskNs,
		private readonly compute: () => Promise<TodayOverview>,
		private readonly log: (message: string, error: unknown) => void
	) {}

	/** The minute's recompute; run by one process of a cluster (the leader). Returns the stop. */
	startClock(): () => void {
		const timer = setInterval(() => this.changed(), EVERY_MS);
		timer.unref();
		this.#timer = timer;
		return () => {
			clearInterval(timer);
			if (this.#timer === timer) this.#timer = null;
		};
	}

	/** Recomputes after every domain event the overview counts. */
	listen(events: DomainEventBus): void {
		const changed = () => this.changed();
		for (const e of [
			'queue:changed',
			'workOrder:changed',
			'sla:changed',
			'fees:changed',
			'fees:closed',
			'booking:changed',
			'device:changed',
			'print:changed'
		] as const)
			events.on(e, changed);
	}

	/** A desk connected: if its person may see the overview, it joins and gets it at once. */
	deskConnected(socket: DeskSocket): void {
		if (!can(socket.data.session.staff.roles, 'overview.view')) return;
		void socket.join(OVERVIEW);
		this.compute().then(
			(o) => socket.emit('overview:today', o),
			(e: unknown) => this.log('The today overview failed', e)
		);
	}

	/** Something the overview counts changed: push it again soon (throttled). */
	changed(): void {
		if (this.#pending) return;
		// A short wait even when free folds one action's several events (a payment: the ledger,
		// then the intent) and lets a screen's last-seen time be written first.
		const wait = Math.max(COALESCE_MS, this.#lastPushAt + THROTTLE_MS - Date.now());
		this.#pending = setTimeout(() => void this.#push(), wait);
	}

	close(): void {
		if (this.#timer) clearInterval(this.#timer);
		if (this.#pending) clearTimeout(this.#pending);
	}

	async #push(): Promise<void> {
		try {
			if ((this.ns.adapter.rooms.get(OVERVIEW)?.size ?? 0) === 0) return;
			const overview = await this.compute();
			// `at` moves every time; only a changed figure is worth a push.
			const json = JSON.stringify({ ...overview, at: null });
			if (json === this.#last) return;
			this.#last = json;
			this.#lastPushAt = Date.now();
			this.ns.to(OVERVIEW).emit('overview:today', overview);
		} catch (e) {
			this.log('The today overview failed', e);
		} finally {
			this.#pending = null;
		}
	}
}
