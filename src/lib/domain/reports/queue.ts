import { QUEUE_SERVICES, type QueueServiceKey, type Ticket } from '../queue';
import { quantile } from '../stats';
import type { SiteTime } from './site-time';
import type { QueueFigures, StaffRef, TicketTimes } from './types';

export interface QueueInput {
	time: SiteTime;
	/** The period's tickets (filed by the day they were taken). */
	tickets: Iterable<Ticket>;
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

	add(t: Ticket): void {
		this.tickets++;
		if (t.calledAt) {
			this.called++;
			this.waits.push(Date.parse(t.calledAt) - Date.parse(t.queuedAt));
		}
		if (t.status === 'done') {
			this.done++;
			if (t.calledAt && t.finishedAt)
				this.services.push(Date.parse(t.finishedAt) - Date.parse(t.calledAt));
		}
		if (t.status === 'skipped') this.skipped++;
	}

	result(): TicketTimes {
		return {
			tickets: this.tickets,
			called: this.called,
			done: this.done,
			skipped: this.skipped,
			waitP50Ms: quantile(this.waits, 0.5),
			waitP90Ms: quantile(this.waits, 0.9),
			serviceP50Ms: quantile(this.services, 0.5),
			serviceP90Ms: quantile(this.services, 0.9)
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
		if (t.transferredFrom) transferred++;
		if (!t.calledAt) uncalled++;
		else {
			if (t.counterId) {
				const c = byCounter.get(t.counterId) ?? new Times();
				byCounter.set(t.counterId, c);
				c.add(t);
			}
			const who = t.calledBy ?? null;
			const s = byStaff.get(who) ?? new Times();
			byStaff.set(who, s);
			s.add(t);
		}
		const [weekday, hour] = i.time.weekdayHour(Date.parse(t.at));
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
