import type { Table } from '$lib/domain/export';
import type { Ticket } from '$lib/domain/queue';
import type { Site } from '$lib/domain/site';
import type { Translate } from '$lib/i18n';

/** Whole seconds between two instants, or null when either is missing. */
const seconds = (from: string | null, to: string | null) =>
	from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : null;

/**
 * The queue tickets of a day range: what the report's queue figures are counted from
 * (docs/reports.md "Queue"), one row per ticket with its waiting and service time in seconds.
 */
export function ticketsTable(
	tickets: readonly Ticket[],
	site: Site,
	staffName: (id: string) => string,
	t: Translate
): Table {
	const counters = new Map(site.counters.map((c) => [c.id, c.name]));
	return {
		kind: 'tickets',
		columns: [
			{ header: 'export.col.day', type: 'date' },
			{ header: 'export.col.ticket', type: 'text', width: 8 },
			{ header: 'export.col.service', type: 'text', width: 10 },
			{ header: 'export.col.status', type: 'text', width: 9 },
			{ header: 'export.col.takenAt', type: 'datetime' },
			{ header: 'export.col.calledAt', type: 'datetime' },
			{ header: 'export.col.finishedAt', type: 'datetime' },
			{ header: 'export.col.counter', type: 'text', width: 10 },
			{ header: 'export.col.calledBy', type: 'text' },
			{ header: 'export.col.transferredFrom', type: 'text', width: 10 },
			{ header: 'export.col.waitSeconds', type: 'number' },
			{ header: 'export.col.serviceSeconds', type: 'number' }
		],
		rows: (function* () {
			for (const x of tickets) {
				yield [
					x.day,
					x.label,
					t(`queue.service.${x.service}`),
					t(`export.ticketStatus.${x.status}`),
					x.at,
					x.calledAt,
					x.finishedAt,
					x.counterId ? (counters.get(x.counterId) ?? x.counterId) : null,
					x.calledBy ? staffName(x.calledBy) || x.calledBy : null,
					x.transferredFrom ? t(`queue.service.${x.transferredFrom}`) : null,
					seconds(x.queuedAt, x.calledAt),
					x.status === 'done' ? seconds(x.calledAt, x.finishedAt) : null
				];
			}
		})()
	};
}
