import { QUEUE_SERVICES, type QueueServiceKey, type Ticket } from '../queue';
import { quantiles } from '../stats';
import type { SiteTime } from './site-time';
import type { QueueFigures, StaffRef, TicketTimes } from './types';

/**
 * What the figures need of a ticket, with its times as numbers: the report service keeps
 * these for closed days (a past day's tickets no longer change) instead of whole tickets.
 */
export interface TicketFact {
	day: string;
	/** Taken, (re)queued, called and finished, ms since the epoch. */
	at: number;
	queued: number;
	called: number | null;
	finished: number | null;
	service: QueueServiceKey;
	status: Ticket['status'];
	counterId: string | null;
	calledBy: string | null;
	transferred: boolean;
}

/** A ticket's facts (see TicketFact). */
export function ticketFact(t: Ticket): TicketFact {
	return {
		day: t.day,
		at: Date.parse(t.at),
		queued: Date.parse(t.queuedAt),
		called: t.calledAt ? Date.parse(t.calledAt) : null,
		finished: t.finishedAt ? Date.parse(t.finishedAt) : null,
		service: t.service,
		status: t.status,
		counterId: t.counterId,
		calledBy: t.calledBy ?? null,
		transferred: t.transferredFrom !== null
	};
}

export interface QueueInput {
	time: SiteTime;
	/** The period's tickets (filed by the day they were taken). */
	tickets: Iterable<TicketFact>;
	counters: readonly { id: string; number: number; name: string; nameEn?: string | undefined }[];
	staffName: (id: string) => string;
}

class Times {
	tickets = 0;
	called = 0;
	done = 0;
	skipped = 0;
	waits: number[] = [];
	services: number[] = [];

	add(t: TicketFact): void {
		this.tickets++;
		if (t.called !== null) {
			this.called++;
			this.waits.push(t.called - t.queued);
		}
		if (t.status === 'done') {
			this.done++;
			if (t.called !== null && t.finished !== null) this.services.push(t.finished - t.called);
		}
		if (t.status === 'skipped') this.skipped++;
	}

	result(): TicketTimes {
		const [waitP50Ms, waitP90Ms] = quantiles(this.waits, [0.5, 0.9]);
		const [serviceP50Ms, serviceP90Ms] = quantiles(this.services, [0.5, 0.9]);
		return {
			tickets: this.tickets,
			called: this.called,
			done: this.done,
			skipped: this.skipped,
			waitP50Ms: waitP50Ms ?? null,
			waitP90Ms: waitP90Ms ?? null,
			serviceP50Ms: serviceP50Ms ?? null,
			serviceP90Ms: serviceP90Ms ?? null
		};
	}
}

/**
 * The lobby queue of a period (docs/reports.md "Queue"): tickets taken in it; waiting is
 * queued → called, service is called → finished (done tickets only); a skipped ticket is a
 * no-show. A transferred ticket counts once, under the service it ended in.
 */
export function queueFigures(i: QueueInput): QueueFigures {
	const all = new Times();
	const byService = new Map<QueueServiceKey, Times>(
		QUEUE_SERVICES.map((s) => [s.key, new Times()])
	);
	const byCounter = new Map<string, Times>();
	const byStaff = new Map<string | null, Times>();
	const heatmap = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
	let transferred = 0;
	let uncalled = 0;
	for (const t of i.tickets) {
		all.add(t);
		byService.get(t.service)!.add(t);
		if (t.transferred) transferred++;
		if (t.called === null) uncalled++;
		else {
			if (t.counterId) {
				const c = byCounter.get(t.counterId) ?? new Times();
				byCounter.set(t.counterId, c);
				c.add(t);
			}
			const who = t.calledBy;
			const s = byStaff.get(who) ?? new Times();
			byStaff.set(who, s);
			s.add(t);
		}
		const [weekday, hour] = i.time.weekdayHour(t.at);
		heatmap[weekday]![hour]!++;
	}
	const counter = (id: string) => i.counters.find((c) => c.id === id);
	const ref = (id: string | null): StaffRef => ({ id, name: id ? i.staffName(id) : '' });
	return {
		...all.result(),
		transferred,
		uncalled,
		byService: [...byService].map(([service, x]) => ({ service, ...x.result() })),
		byCounter: [...byCounter]
			.map(([counterId, x]) => {
				const c = counter(counterId);
				return {
					counterId,
					number: c?.number ?? null,
					name: c?.name ?? '',
					nameEn: c?.nameEn,
					...x.result()
				};
			})
			.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity)),
		byStaff: [...byStaff]
			.map(([id, x]) => ({ staff: ref(id), ...x.result() }))
			.sort((a, b) => b.tickets - a.tickets),
		heatmap
	};
}
