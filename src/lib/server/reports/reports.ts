import type { Acting } from '$lib/domain/permissions';
import { receiptNumber } from '$lib/domain/fees';
import { feeFigures, indexFees, type FeeIndex } from '$lib/domain/reports/fees';
import { addDays, parsePeriod, previousPeriod } from '$lib/domain/reports/period';
import { queueFigures, type TicketFact } from '$lib/domain/reports/queue';
import { OrderDays } from './order-days';
import { TicketDays } from './ticket-days';
import { roomFigures } from '$lib/domain/reports/rooms';
import { satisfactionFigures, type ServiceRatingRow } from '$lib/domain/reports/satisfaction';
import { SiteTime } from '$lib/domain/reports/site-time';
import type { ReportFigures, ReportPeriod, ServiceReport } from '$lib/domain/reports/types';
import { workOrderFigures } from '$lib/domain/reports/work-orders';
import { dayKey, type Clock } from '$lib/domain/time';
import type { WorkOrder } from '$lib/domain/work-order';
import { authorize } from '../staff/acting';
import type { FeesService } from '../fees/ledger';
import type { QueueService } from '../queue/queue';
import type { BookingService } from '../rooms/bookings';
import type { ServiceRatings } from '../satisfaction/service-ratings';
import type { SiteService } from '../site/site';
import type { People } from '../staff/people';
import type { SlaSettings } from '../work-orders/sla-settings';
import type { WorkOrderService } from '../work-orders/work-orders';

/** The quarter holding a site day, as a period: 2026-11-03 → 2026-Q4. */
function quarterOf(day: string): string {
	return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

/** How far before a period work orders are read: ratings and late resolutions of older ones. */
export const LOOKBACK_DAYS = 60;

/** Records a report reads from the store for its days. */
export interface StoredRecords {
	tickets: TicketFact[];
	orders: WorkOrder[];
	/** Bills and the ledger (in memory), laid out once for both periods. */
	fees: FeeIndex;
}

/** What a report is computed from: the services that hold the records. */
export interface ReportDeps {
	clock: Clock;
	site: SiteService;
	/** Names of whoever called a ticket or was dispatched to, company accounts too. */
	people: Pick<People, 'nameOf'>;
	sla: SlaSettings;
	workOrders: WorkOrderService;
	fees: FeesService;
	ratings: ServiceRatings;
	queue: QueueService;
	bookings: BookingService;
}

/**
 * The manager's service-quality reports (/desk/reports): every section's figures for a period
 * and the one before it, computed from the records by the definitions in src/lib/domain/reports
 * (docs/reports.md). Work orders, bills, the ledger, ratings and bookings are in memory
 * already; tickets are read from the store for the period's days only.
 */
export class ReportService {
	readonly #tickets: TicketDays;
	readonly #orders: OrderDays;
	#fees: { key: string; index: FeeIndex } | undefined;

	constructor(private readonly deps: ReportDeps) {
		this.#tickets = new TicketDays(deps.queue);
		this.#orders = new OrderDays(deps.workOrders);
	}

	/**
	 * The report of a period given as `2026-11`, `2026-Q4` or `2026-10-01..2026-10-15`, beside
	 * the previous period. Needs `reports.view`; a malformed period is `error.reportPeriod…` (400).
	 */
	async report(acting: Acting | null, period: unknown): Promise<ServiceReport> {
		authorize(acting, 'reports.view');
		const current = parsePeriod(period);
		const before = previousPeriod(current);
		const site = this.deps.site.site;
		// One read of the store for both periods.
		const records = await this.read(before.from, current.to);
		const now = this.figures(current, records);
		const previous = this.figures(before, records);
		return {
			site: { name: site.name, nameEn: site.nameEn, timeZone: site.timeZone },
			generatedAt: this.deps.clock.now().toISOString(),
			current: now,
			previous
		};
	}

	/**
	 * Reads ahead what the reports a manager opens first need — this quarter and the last one,
	 * each beside the quarter before — so that the first report after a start does not wait on
	 * the store (2.8 s cold on two years of history, docs/reports.md). Runs a few seconds after
	 * start-up, off every request's path; stop() cancels it.
	 */
	warmUp(log: (message: string, error: unknown) => void, afterMs = 5_000): () => void {
		const timer = setTimeout(() => {
			const today = dayKey(this.deps.clock.now(), this.deps.site.site.timeZone);
			const last = previousPeriod(parsePeriod(quarterOf(today)));
			this.read(previousPeriod(last).from, today).catch((e: unknown) =>
				log('Reading ahead for the reports failed', e)
			);
		}, afterMs);
		timer.unref();
		return () => clearTimeout(timer);
	}

	/**
	 * The records kept on disk rather than in memory that periods within `from`..`to` need:
	 * the tickets of those days, and the work orders reported from LOOKBACK_DAYS before (a
	 * rating or a late resolution comes after the report) with every order still open.
	 */
	async read(from: string, to: string): Promise<StoredRecords> {
		const d = this.deps;
		const today = dayKey(d.clock.now(), d.site.site.timeZone);
		const since = addDays(from, -LOOKBACK_DAYS);
		// The last months' orders are in memory: the store is read only for older days.
		const stored = await this.#orders.between(since, to);
		const tickets = await this.#tickets.between(from, to, today);
		const byId = new Map(stored.map((o) => [o.id, o]));
		for (const o of d.workOrders.all()) byId.set(o.id, o);
		const fees = this.#feeIndex();
		return { tickets, orders: [...byId.values()], fees };
	}

	/** Every section's figures for one period (no permission check: callers have made it). */
	figures(period: ReportPeriod, records: StoredRecords): ReportFigures {
		const d = this.deps;
		const site = d.site.site;
		const time = new SiteTime(site.timeZone);
		const now = d.clock.now().getTime();
		const today = dayKey(new Date(now), site.timeZone);
		const staffName = (id: string) => d.people.nameOf(id) ?? '';
		const tickets = records.tickets.filter((t) => t.day >= period.from && t.day <= period.to);
		const buildings = new Map(site.buildings.map((b) => [b.id, b.name]));
		const unitBuilding = new Map(site.units.map((u) => [u.id, u.building]));
		const standards = new Map(site.feeStandards.map((s) => [s.id, s.nameEn]));
		return {
			period,
			satisfaction: satisfactionFigures({
				period,
				time,
				orders: records.orders,
				services: this.#serviceRatings(),
				staffName
			}),
			workOrders: workOrderFigures({
				period,
				time,
				orders: records.orders,
				hours: d.sla.hours,
				targets: d.sla.targets,
				now
			}),
			fees: feeFigures({
				period,
				index: records.fees,
				buildingOf: (unitId) => unitBuilding.get(unitId) ?? '',
				buildingName: (id) => buildings.get(id) ?? id,
				itemNameEn: (id) => standards.get(id),
				today
			}),
			queue: queueFigures({ time, tickets, counters: site.counters, staffName }),
			rooms: roomFigures({
				period,
				time,
				bookings: d.bookings.all(),
				rooms: site.rooms,
				hours: d.sla.hours,
				now
			})
		};
	}

	/** The fees laid out for counting, rebuilt only when a bill or an entry was added. */
	#feeIndex(): FeeIndex {
		const { bills, entries } = this.deps.fees.counts();
		const key = `${bills}/${entries}`;
		if (this.#fees?.key !== key) {
			const index = indexFees(this.deps.fees.allBills(), this.deps.fees.allEntries());
			this.#fees = { key, index };
		}
		return this.#fees.index;
	}

	*#serviceRatings(): Generator<ServiceRatingRow> {
		for (const r of this.deps.ratings.all()) {
			const entry = this.deps.fees.entry(r.entryId);
			yield { ...r, receiptNo: entry ? receiptNumber(entry) : '' };
		}
	}
}
