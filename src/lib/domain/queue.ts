import { z } from 'zod';
import { QUEUE_SERVICES, type QueueServiceKey } from './queue-services';

/**
 * The lobby queue: services with letter prefixes, numbered per day from 1, called to counters.
 * Pure rules here; the queue service stores tickets and tells the screens.
 */

// In a module without zod, so the kiosk lists the services without shipping the validation
// library; re-exported for everyone else.
export { QUEUE_SERVICES, type QueueServiceKey } from './queue-services';

export const queueServiceSchema = z.enum(
	QUEUE_SERVICES.map((s) => s.key) as [QueueServiceKey, ...QueueServiceKey[]],
	{ error: 'error.queueService' }
);

export const TICKET_STATUSES = ['waiting', 'called', 'done', 'skipped'] as const;

export const ticketSchema = z.object({
	id: z.string(),
	at: z.string(),
	/** The site day it was taken on (YYYY-MM-DD): numbers restart every day. */
	day: z.string(),
	service: queueServiceSchema,
	number: z.number().int().positive(),
	label: z.string(),
	status: z.enum(TICKET_STATUSES),
	/** When it (re)joined the waiting line: take time, or transfer time. */
	queuedAt: z.string(),
	counterId: z.string().nullable(),
	calledAt: z.string().nullable(),
	/** The staff member who called (or last recalled) it; null before it was called, and on
	 * tickets from before Foyer kept it (reports count those as "not recorded"). */
	calledBy: z.string().nullable().default(null),
	recalls: z.number().int().nonnegative(),
	finishedAt: z.string().nullable(),
	unitId: z.string().nullable(),
	transferredFrom: queueServiceSchema.nullable(),
	/** Cases this visit led to: a payment, a work order, a booking. */
	links: z.array(z.object({ kind: z.string(), id: z.string() }))
});
export type Ticket = z.infer<typeof ticketSchema>;

export function prefixOf(service: QueueServiceKey): string {
	return QUEUE_SERVICES.find((s) => s.key === service)!.prefix;
}

/** A012: the service's letter and a 3-digit number. */
export function ticketLabel(service: QueueServiceKey, number: number): string {
	return `${prefixOf(service)}${String(number).padStart(3, '0')}`;
}

/**
 * The next number for a service on a day, from the tickets of that day. A ticket counts by the
 * letter it was given, not its line now: A005 sent to the B line keeps its label, so the next
 * A ticket is A006, never a second A005.
 */
export function nextNumber(dayTickets: readonly Ticket[], service: QueueServiceKey): number {
	const prefix = prefixOf(service);
	let max = 0;
	for (const t of dayTickets) {
		if (t.label.startsWith(prefix) && t.number > max) max = t.number;
	}
	return max + 1;
}

/** Waiting tickets in the order they are called: first queued, first called. */
export function waitingLine(tickets: readonly Ticket[], service?: QueueServiceKey): Ticket[] {
	return tickets
		.filter((t) => t.status === 'waiting' && (!service || t.service === service))
		.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.number - b.number);
}

/** How many are ahead of a waiting ticket in its service's line. */
export function peopleAhead(tickets: readonly Ticket[], ticket: Ticket): number {
	const line = waitingLine(tickets, ticket.service);
	const i = line.findIndex((t) => t.id === ticket.id);
	return i < 0 ? 0 : i;
}

/** Service minutes assumed until the day has finished tickets of its own. */
export const DEFAULT_SERVICE_MS = 5 * 60_000;
const ROLLING = 20;

/**
 * Estimated wait: the rolling average of the last 20 service times (called → finished) times
 * the people ahead, shared among the counters serving now (at least one).
 */
export function estimateWaitMs(
	tickets: readonly Ticket[],
	ahead: number,
	openCounters: number
): number {
	const times = tickets
		.filter((t) => t.status === 'done' && t.calledAt && t.finishedAt)
		.sort((a, b) => b.finishedAt!.localeCompare(a.finishedAt!))
		.slice(0, ROLLING)
		.map((t) => Date.parse(t.finishedAt!) - Date.parse(t.calledAt!));
	const average = times.length
		? times.reduce((a, b) => a + b, 0) / times.length
		: DEFAULT_SERVICE_MS;
	return Math.round((average * ahead) / Math.max(1, openCounters));
}

/** What a public screen may know of a ticket: its label and where it is called. */
export interface PublicCall {
	label: string;
	service: QueueServiceKey;
	counter: number;
	at: string;
	/** How often it has been called again. */
	recalls: number;
}

export interface PublicQueue {
	waiting: Record<QueueServiceKey, number>;
	/** The latest call of each counter, newest first. */
	calls: PublicCall[];
}

/** A called ticket as public screens see it: its label and its counter's number. */
export function publicCall(
	t: Ticket,
	counters: readonly { id: string; number: number }[]
): PublicCall | null {
	const counter = counters.find((c) => c.id === t.counterId);
	if (!counter || !t.calledAt) return null;
	return {
		label: t.label,
		service: t.service,
		counter: counter.number,
		at: t.calledAt,
		recalls: t.recalls
	};
}

/** The queue as public screens see it: counts and the latest call per counter, no units. */
export function publicQueue(
	tickets: readonly Ticket[],
	counters: readonly { id: string; number: number }[]
): PublicQueue {
	const latest = new Map<string, Ticket>();
	for (const t of tickets) {
		if (!t.counterId || !t.calledAt) continue;
		const known = latest.get(t.counterId);
		if (!known || known.calledAt! < t.calledAt) latest.set(t.counterId, t);
	}
	const calls = [...latest.values()]
		.map((t) => publicCall(t, counters))
		.filter((c): c is PublicCall => c !== null)
		.sort((a, b) => b.at.localeCompare(a.at));
	return { waiting: waitingCounts(tickets), calls };
}

export function emptyQueue(): PublicQueue {
	return { waiting: waitingCounts([]), calls: [] };
}

export function waitingCounts(tickets: readonly Ticket[]): Record<QueueServiceKey, number> {
	const counts = Object.fromEntries(QUEUE_SERVICES.map((s) => [s.key, 0])) as Record<
		QueueServiceKey,
		number
	>;
	for (const t of tickets) if (t.status === 'waiting') counts[t.service]++;
	return counts;
}

/** What the resident who holds a ticket sees of it (kiosk slip, phone page): nothing personal. */
export interface TicketView {
	id: string;
	label: string;
	service: QueueServiceKey;
	/** `expired`: taken on an earlier day and never finished; the queue restarted at midnight. */
	status: Ticket['status'] | 'expired';
	counter: number | null;
	ahead: number;
	waitMinutes: number;
}

export function ticketView(
	standing: { ticket: Ticket; ahead: number; waitMs: number; today: string },
	counters: readonly { id: string; number: number }[]
): TicketView {
	const { ticket, ahead, waitMs } = standing;
	const open = ticket.status === 'waiting' || ticket.status === 'called';
	return {
		id: ticket.id,
		label: ticket.label,
		service: ticket.service,
		status: open && ticket.day !== standing.today ? 'expired' : ticket.status,
		counter: counters.find((c) => c.id === ticket.counterId)?.number ?? null,
		ahead,
		waitMinutes: ahead > 0 ? Math.max(1, Math.round(waitMs / 60_000)) : 0
	};
}
