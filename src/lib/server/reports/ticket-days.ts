import { ticketFact, type TicketFact } from '$lib/domain/reports/queue';
import { addDays } from '$lib/domain/reports/period';
import type { QueueService } from '../queue/queue';

/** Closed days kept: a little over two years of quarters compared with the one before. */
const KEEP_DAYS = 800;

/**
 * The tickets' facts of closed days, kept once read: a past day's tickets no longer change
 * (the queue restarts every day), so a report reads a day from the store once, and a quarter
 * beside the one before it costs no store reads the second time. Today is always read afresh.
 * Facts are a tenth of a ticket's size (numbers, shared strings): 800 days of a busy lobby
 * (~330,000 tickets) hold about 30 MB.
 */
export class TicketDays {
	readonly #days = new Map<string, TicketFact[]>();

	constructor(private readonly queue: QueueService) {}

	/** Facts of the tickets taken on site days `from`..`to`; days before `today` are kept. */
	async between(from: string, to: string, today: string): Promise<TicketFact[]> {
		const missing: string[] = [];
		for (let day = from; day <= to; day = addDays(day, 1))
			if (!this.#days.has(day) || day >= today) missing.push(day);
		if (missing.length > 0) {
			const fresh = new Map<string, TicketFact[]>(missing.map((d) => [d, []]));
			for (const t of await this.queue.between(missing[0]!, missing.at(-1)!)) {
				fresh.get(t.day)?.push(ticketFact(t));
			}
			for (const [day, facts] of fresh) {
				if (day >= today) continue;
				this.#days.delete(day);
				this.#days.set(day, facts);
			}
			while (this.#days.size > KEEP_DAYS) this.#days.delete(this.#days.keys().next().value!);
			const out: TicketFact[] = [];
			for (let day = from; day <= to; day = addDays(day, 1))
				out.push(...(fresh.get(day) ?? this.#days.get(day) ?? []));
			return out;
		}
		const out: TicketFact[] = [];
		for (let day = from; day <= to; day = addDays(day, 1)) out.push(...this.#days.get(day)!);
		return out;
	}
}
