import { FoyerError } from '$lib/domain/errors';
import { authorize } from '../staff/acting';
import type { Acting } from '$lib/domain/permissions';
import {
	estimateWaitMs,
	nextNumber,
	peopleAhead,
	queueServiceSchema,
	ticketLabel,
	ticketSchema,
	emptyQueue,
	publicCall,
	publicQueue,
	waitingLine,
	type PublicQueue,
	type QueueServiceKey,
	type Ticket
} from '$lib/domain/queue';
import { dayKey, type Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import type { FoyerStore, RecordLog, SectionLock } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';
import type { SiteService } from '../site/site';

interface Deps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	site: SiteService;
}

/** A counter counts as open when it called someone within this time. */
const OPEN_COUNTER_MS = 30 * 60_000;

/**
 * The lobby queue. Tickets are filed under the day they were taken, so numbering restarts at
 * the site's midnight and today's queue is read back from today's file after a restart.
 */
export class QueueService {
	readonly #mutex: SectionLock;
	/** The public queue as of the last change, for snapshots (which must not wait). */
	#public: { day: string; queue: PublicQueue } = { day: '', queue: emptyQueue() };

	private constructor(
		private readonly log: RecordLog<Ticket>,
		private readonly deps: Deps,
		lock: SectionLock
	) {
		this.#mutex = lock;
	}

	static async open(store: FoyerStore, deps: Deps): Promise<QueueService> {
		const q = new QueueService(
			await store.collection('tickets', (d) => ticketSchema.parse(d)),
			deps,
			store.lock('queue')
		);
		await q.#refresh();
		// Tickets taken or called through another server process: the queue shown to screens
		// that connect here is read again (the other process pushed the change itself).
		q.log.watch(() => q.#refreshSoon());
		return q;
	}

	/** The public queue now; a new day starts empty even before anyone takes a ticket. */
	publicNow(): PublicQueue {
		return this.#public.day === this.#day() ? this.#public.queue : emptyQueue();
	}

	/** A resident takes a ticket at the kiosk. */
	async take(input: { service: unknown; unitId?: string | null }): Promise<Ticket> {
		const service = queueServiceSchema.parse(input.service);
		const unitId = input.unitId ?? null;
		if (unitId && !this.deps.site.site.units.some((u) => u.id === unitId)) {
			throw new FoyerError('error.unitNotFound', {}, 404);
		}
		return this.#mutex.run(async () => {
			const day = this.#day();
			const number = nextNumber(await this.#today(), service);
			const now = this.deps.clock.now().toISOString();
			const ticket = await this.log.append({
				day,
				service,
				number,
				label: ticketLabel(service, number),
				status: 'waiting',
				queuedAt: now,
				counterId: null,
				calledAt: null,
				calledBy: null,
				recalls: 0,
				finishedAt: null,
				unitId,
				transferredFrom: null,
				links: []
			});
			await this.deps.audit.record(null, 'queue.taken', ticket.id, { label: ticket.label });
			await this.#changed(null);
			return ticket;
		});
	}

	/** Calls the next waiting ticket (of one service, or any) to a counter, finishing its current one. */
	async callNext(
		who: Acting | null,
		counterId: string,
		service?: QueueServiceKey
	): Promise<Ticket> {
		const actor = authorize(who, 'queue.call');
		const counter = this.#counter(counterId);
		return this.#mutex.run(async () => {
			const tickets = await this.#today();
			const next = waitingLine(tickets, service)[0];
			if (!next) throw new FoyerError('error.queueEmpty', {}, 409);
			const current = tickets.find((t) => t.status === 'called' && t.counterId === counterId);
			if (current) await this.#finish(actor, current, 'done');
			const now = this.deps.clock.now().toISOString();
			const called = await this.#update(next, {
				status: 'called',
				counterId,
				calledAt: now,
				calledBy: actor?.id ?? null
			});
			await this.deps.audit.record(actor, 'queue.called', called.id, {
				label: called.label,
				counter: counter.number
			});
			await this.#changed(called);
			return called;
		});
	}

	/** Calls the counter's current ticket again (the board flashes and speaks it again). */
	async recall(who: Acting | null, counterId: string): Promise<Ticket> {
		const actor = authorize(who, 'queue.call');
		return this.#mutex.run(async () => {
			const current = await this.#current(counterId);
			const t = await this.#update(current, {
				recalls: current.recalls + 1,
				calledBy: actor?.id ?? current.calledBy
			});
			await this.deps.audit.record(actor, 'queue.recalled', t.id, { label: t.label });
			await this.#changed(t);
			return t;
		});
	}

	/** The resident did not come: the ticket is skipped. */
	async skip(who: Acting | null, counterId: string): Promise<Ticket> {
		const actor = authorize(who, 'queue.call');
		return this.#mutex.run(async () => {
			const t = await this.#finish(actor, await this.#current(counterId), 'skipped');
			await this.#changed(null);
			return t;
		});
	}

	/** Done at this counter. */
	async finish(who: Acting | null, counterId: string): Promise<Ticket> {
		const actor = authorize(who, 'queue.call');
		return this.#mutex.run(async () => {
			const t = await this.#finish(actor, await this.#current(counterId), 'done');
			await this.#changed(null);
			return t;
		});
	}

	/** Sends the counter's current ticket to another service's line, keeping its number and its place in time. */
	async transfer(who: Acting | null, counterId: string, to: unknown): Promise<Ticket> {
		const actor = authorize(who, 'queue.call');
		const service = queueServiceSchema.parse(to);
		return this.#mutex.run(async () => {
			const current = await this.#current(counterId);
			if (current.service === service) throw new FoyerError('error.sameService');
			const t = await this.#update(current, {
				status: 'waiting',
				service,
				transferredFrom: current.service,
				counterId: null,
				calledAt: null,
				calledBy: null,
				queuedAt: current.at
			});
			await this.deps.audit.record(actor, 'queue.transferred', t.id, {
				label: t.label,
				to: service
			});
			await this.#changed(null);
			return t;
		});
	}

	/** Links a ticket to the case it led to (a payment, a work order, a booking). */
	async link(actor: Actor, ticketId: string, link: { kind: string; id: string }): Promise<Ticket> {
		const t = await this.log.update(ticketId, (x) => ({ ...x, links: [...x.links, link] }));
		if (!t) throw new FoyerError('error.ticketNotFound', {}, 404);
		await this.deps.audit.record(actor, 'queue.linked', t.id, link);
		return t;
	}

	/** The ticket a counter is serving now. */
	async currentOf(counterId: string): Promise<Ticket | undefined> {
		return (await this.#today()).find((t) => t.status === 'called' && t.counterId === counterId);
	}

	/** Today's tickets, oldest first. */
	today(): Promise<Ticket[]> {
		return this.#today();
	}

	/** The tickets taken on the site days `from` to `to` (inclusive), oldest first (reports, exports). */
	between(from: string, to: string): Promise<Ticket[]> {
		return this.log.list(from, to);
	}

	/** Where a ticket stands: for the kiosk's slip and the phone page. */
	async standing(
		id: string
	): Promise<{ ticket: Ticket; ahead: number; waitMs: number; today: string } | null> {
		const ticket = await this.log.get(id);
		if (!ticket) return null;
		const today = this.#day();
		const tickets = ticket.day === today ? await this.#today() : [ticket];
		const ahead =
			ticket.status === 'waiting' && ticket.day === today ? peopleAhead(tickets, ticket) : 0;
		const waitMs = estimateWaitMs(tickets, ahead, this.#openCounters(tickets));
		return { ticket, ahead, waitMs, today };
	}

	/**
	 * Screens are told when the site's day changes, even if nobody takes a ticket: the board
	 * empties at midnight. Checked every minute; returns the stop function.
	 */
	watchMidnight(everyMs = 60_000): () => void {
		const timer = setInterval(() => {
			if (this.#public.day !== this.#day()) void this.#mutex.run(() => this.#changed(null));
		}, everyMs);
		timer.unref();
		return () => clearInterval(timer);
	}

	/** Called inside the mutex, so screens are told of changes in the order they happened. */
	async #changed(call: Ticket | null): Promise<void> {
		const queue = await this.#refresh();
		this.deps.events.emit('queue:changed', {
			queue,
			call: call ? publicCall(call, this.deps.site.site.counters) : null
		});
	}

	#refreshing: Promise<unknown> | null = null;

	/** Reads the queue again once the changes arriving now are all in (one read for a burst). */
	#refreshSoon(): void {
		if (this.#refreshing) return;
		this.#refreshing = new Promise((r) => setImmediate(r))
			.then(() => {
				this.#refreshing = null;
				return this.#refresh();
			})
			.catch(() => {});
	}

	async #refresh(): Promise<PublicQueue> {
		const day = this.#day();
		this.#public = { day, queue: publicQueue(await this.#today(), this.deps.site.site.counters) };
		return this.#public.queue;
	}

	#day(): string {
		return dayKey(this.deps.clock.now(), this.deps.site.site.timeZone);
	}

	#today(): Promise<Ticket[]> {
		const day = this.#day();
		return this.log.list(day, day);
	}

	#counter(counterId: string) {
		const counter = this.deps.site.site.counters.find((c) => c.id === counterId);
		if (!counter) throw new FoyerError('error.counterNotFound', {}, 404);
		return counter;
	}

	async #current(counterId: string): Promise<Ticket> {
		this.#counter(counterId);
		const current = await this.currentOf(counterId);
		if (!current) throw new FoyerError('error.noCurrentTicket', {}, 409);
		return current;
	}

	async #finish(actor: Actor, t: Ticket, status: 'done' | 'skipped'): Promise<Ticket> {
		const done = await this.#update(t, { status, finishedAt: this.deps.clock.now().toISOString() });
		await this.deps.audit.record(
			actor,
			status === 'done' ? 'queue.finished' : 'queue.skipped',
			t.id,
			{
				label: t.label
			}
		);
		return done;
	}

	async #update(t: Ticket, change: Partial<Ticket>): Promise<Ticket> {
		const next = await this.log.update(t.id, (x) => ({ ...x, ...change }));
		if (!next) throw new FoyerError('error.ticketNotFound', {}, 404);
		return next;
	}

	#openCounters(tickets: readonly Ticket[]): number {
		const since = new Date(this.deps.clock.now().getTime() - OPEN_COUNTER_MS).toISOString();
		return new Set(tickets.filter((t) => t.calledAt && t.calledAt >= since).map((t) => t.counterId))
			.size;
	}
}
