import { arrears } from '$lib/domain/arrears';
import { AGE_BUCKETS, receiptNumber, type LedgerEntry } from '$lib/domain/fees';
import type { Cell, ExportKind, Table } from '$lib/domain/export';
import type { Site, Unit } from '$lib/domain/site';
import { slaOf } from '$lib/domain/work-order-sla';
import { placeName } from '$lib/domain/work-order-place';
import { dayKey } from '$lib/domain/time';
import type { Translate } from '$lib/i18n';
import type { FeesService } from '../fees/ledger';
import type { SiteService } from '../site/site';
import type { SlaSettings } from '../work-orders/sla-settings';
import type { WorkOrderService } from '../work-orders/work-orders';
import type { ServiceRatings } from '../satisfaction/service-ratings';
import type { BookingService } from '../rooms/bookings';
import type { Clock } from '$lib/domain/time';
import type { Ticket } from '$lib/domain/queue';
import type { WorkOrder } from '$lib/domain/work-order';
import { ratingChannel, ratingOf } from '$lib/domain/satisfaction';
import { usedMs } from '$lib/domain/reports/rooms';
import type { People } from '../staff/people';
import { ticketsTable } from './tickets-table';

/** The services exports read from (only through their public methods). */
export interface ExportSources {
	clock: Clock;
	site: SiteService;
	fees: FeesService;
	sla: SlaSettings;
	workOrders: WorkOrderService;
	ratings: ServiceRatings;
	bookings: BookingService;
	/** Names of technicians and ticket callers, company accounts too. */
	people: Pick<People, 'nameOf'>;
}

/** What a table is cut to: a day range for the ranged kinds, and the staff's language for values. */
export interface TableRequest {
	from: string;
	to: string;
	t: Translate;
	/** Records the store holds beyond memory, read beforehand for the range (exports.ts). */
	tickets?: readonly Ticket[];
	orders?: readonly WorkOrder[];
}

const buildingName = (site: Site, id: string) =>
	site.buildings.find((b) => b.id === id)?.name ?? id;
const unitCells = (site: Site, unit: Unit | undefined): Cell[] =>
	unit ? [buildingName(site, unit.building), unit.entrance, unit.room] : [null, null, null];
const UNIT_COLUMNS = [
	{ header: 'export.col.building', type: 'text' },
	{ header: 'export.col.entrance', type: 'text', width: 8 },
	{ header: 'export.col.room', type: 'text', width: 8 }
] as const;

/** Builds one export's table; rows are produced lazily, as the writer asks for them. */
export function buildTable(kind: ExportKind, s: ExportSources, r: TableRequest): Table {
	const site = s.site.site;
	const tz = site.timeZone;
	const units = new Map(site.units.map((u) => [u.id, u]));
	const inRange = (day: string) => day >= r.from && day <= r.to;
	const { t } = r;
	switch (kind) {
		case 'residents':
			return {
				kind,
				columns: [
					...UNIT_COLUMNS,
					{ header: 'export.col.area', type: 'decimal' },
					{ header: 'export.col.name', type: 'text' },
					{ header: 'export.col.residentKind', type: 'text', width: 8 },
					{ header: 'export.col.phone', type: 'text', width: 14 },
					// Everything the units and residents imports take, so an export imports back unchanged.
					{ header: 'export.col.use', type: 'text', width: 8 },
					{ header: 'export.col.state', type: 'text', width: 8 },
					{ header: 'export.col.moveIn', type: 'date' },
					{ header: 'export.col.moveOut', type: 'date' }
				],
				rows: (function* () {
					const byUnit = new Map<string, (typeof site.residents)[number][]>();
					for (const p of site.residents) {
						byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
					}
					for (const u of site.units) {
						const people = byUnit.get(u.id) ?? [];
						const unitPart = [...unitCells(site, u), u.areaCentiM2];
						const usePart = [t(`site.use.${u.use}`), t(`site.state.${u.state}`)];
						if (people.length === 0) yield [...unitPart, null, null, null, ...usePart, null, null];
						for (const p of people) {
							const kindText = t(`desk.fees.kind.${p.kind}`);
							const phones = [p.phone, ...p.otherPhones].join(',');
							yield [...unitPart, p.name, kindText, phones, ...usePart, p.moveIn, p.moveOut];
						}
					}
				})()
			};
		case 'bills':
			return {
				kind,
				columns: [
					...UNIT_COLUMNS,
					{ header: 'export.col.period', type: 'text', width: 9 },
					{ header: 'export.col.item', type: 'text' },
					{ header: 'export.col.amount', type: 'money' },
					{ header: 'export.col.paid', type: 'money' },
					{ header: 'export.col.balance', type: 'money' },
					{ header: 'export.col.dueDate', type: 'date' },
					{ header: 'export.col.issuedAt', type: 'datetime' }
				],
				rows: (function* () {
					const all = s.fees.allBalances().sort((a, b) => a.period.localeCompare(b.period));
					for (const b of all) {
						yield [
							...unitCells(site, units.get(b.unitId)),
							b.period,
							b.name,
							b.amountFen,
							b.paidFen,
							b.balanceFen,
							b.dueDate,
							b.at
						];
					}
				})()
			};
		case 'arrears': {
			const report = arrears({
				balances: s.fees.allBalances(),
				units: site.units,
				today: dayKey(s.clock.now(), tz)
			});
			const line = (name: string, a: (typeof report)['site']): Cell[] => [
				name,
				a.unitsOwing,
				a.totalFen,
				...AGE_BUCKETS.map((k) => a.buckets[k])
			];
			return {
				kind,
				columns: [
					{ header: 'export.col.building', type: 'text' },
					{ header: 'export.col.unitsOwing', type: 'number' },
					{ header: 'export.col.owed', type: 'money' },
					...AGE_BUCKETS.map((k) => ({
						header: `desk.billing.bucket.${k}` as const,
						type: 'money' as const
					}))
				],
				rows: [
					...report.buildings.map((b) =>
						line(b.building ? buildingName(site, b.building) : '—', b)
					),
					line(t('export.total'), report.site)
				]
			};
		}
		case 'ledger':
			return {
				kind,
				columns: [
					{ header: 'export.col.day', type: 'date' },
					{ header: 'export.col.time', type: 'datetime' },
					{ header: 'export.col.entryKind', type: 'text', width: 8 },
					{ header: 'export.col.method', type: 'text', width: 10 },
					{ header: 'export.col.drawer', type: 'text' },
					{ header: 'export.col.receipt', type: 'text', width: 13 },
					...UNIT_COLUMNS,
					{ header: 'export.col.amount', type: 'money' },
					{ header: 'export.col.reason', type: 'text' }
				],
				rows: (function* () {
					for (const e of s.fees.ledgerBetween(r.from, r.to)) {
						const original: LedgerEntry | undefined = e.voidOf ? s.fees.entry(e.voidOf) : e;
						yield [
							e.day,
							e.at,
							t(`export.entry.${e.kind}`),
							t(`fees.method.${e.method}`),
							e.cashierId === 'kiosk' ? t('export.kioskDrawer') : e.cashierName,
							original ? receiptNumber(original) : '',
							...unitCells(site, units.get(e.unitId)),
							// Voids and refunds count against the day: negative, so a column sums to the net.
							e.kind === 'payment' ? e.amountFen : -e.amountFen,
							e.reason
						];
					}
				})()
			};
		case 'closes':
			return {
				kind,
				columns: [
					{ header: 'export.col.day', type: 'date' },
					{ header: 'export.col.drawer', type: 'text' },
					{ header: 'export.col.closedAt', type: 'datetime' },
					{ header: 'export.col.closedBy', type: 'text' },
					{ header: 'fees.method.cash', type: 'money' },
					{ header: 'fees.method.card', type: 'money' },
					{ header: 'fees.method.transfer', type: 'money' },
					{ header: 'fees.method.qr', type: 'money' },
					{ header: 'export.col.voids', type: 'money' },
					{ header: 'export.col.refunds', type: 'money' },
					{ header: 'export.col.net', type: 'money' },
					{ header: 'export.col.expectedCash', type: 'money' },
					{ header: 'export.col.receipts', type: 'number' },
					{ header: 'export.col.firstReceipt', type: 'text', width: 13 },
					{ header: 'export.col.lastReceipt', type: 'text', width: 13 }
				],
				rows: (function* () {
					const list = s.fees.closes.list().filter((c) => inRange(c.day));
					for (const c of list.sort((a, b) => a.day.localeCompare(b.day))) {
						const m = c.summary.byMethod;
						yield [
							c.day,
							c.cashierId === 'kiosk' ? t('export.kioskDrawer') : c.cashierName,
							c.closedAt,
							c.closedBy,
							m.cash.totalFen,
							m.card.totalFen,
							m.transfer.totalFen,
							m.qr.totalFen,
							c.summary.voids.totalFen,
							c.summary.refunds.totalFen,
							c.summary.netFen,
							c.summary.expectedCashFen,
							c.summary.receipts.count,
							c.summary.receipts.first,
							c.summary.receipts.last
						];
					}
				})()
			};
		case 'workorders':
			return {
				kind,
				columns: [
					{ header: 'export.col.number', type: 'text', width: 11 },
					{ header: 'export.col.reportedAt', type: 'datetime' },
					{ header: 'export.col.category', type: 'text', width: 9 },
					{ header: 'export.col.place', type: 'text', width: 20 },
					{ header: 'export.col.status', type: 'text', width: 9 },
					{ header: 'export.col.respondedAt', type: 'datetime' },
					{ header: 'export.col.resolvedAt', type: 'datetime' },
					{ header: 'export.col.closedAt', type: 'datetime' },
					{ header: 'export.col.sla', type: 'text', width: 10 },
					{ header: 'export.col.score', type: 'number', width: 8 },
					// What the reports count (docs/reports.md): source, technician, the counting rating.
					{ header: 'export.col.reportSource', type: 'text', width: 8 },
					{ header: 'export.col.technician', type: 'text' },
					{ header: 'export.col.countedScore', type: 'number', width: 8 },
					{ header: 'export.col.ratedAt', type: 'datetime' },
					{ header: 'export.col.ratingChannel', type: 'text', width: 10 }
				],
				rows: (function* () {
					const now = s.clock.now();
					for (const o of r.orders ?? s.workOrders.all()) {
						if (!inRange(dayKey(new Date(o.at), tz))) continue;
						const sla = slaOf(o, s.sla.hours, s.sla.targets, now);
						const counted = ratingOf(o);
						const outcome =
							sla.phase === 'done'
								? sla.state === 'overdue'
									? 'export.sla.missed'
									: 'export.sla.met'
								: sla.state === 'overdue'
									? 'export.sla.overdue'
									: 'export.sla.open';
						yield [
							o.number,
							o.at,
							t(`workOrder.category.${o.category}`),
							placeName(o.location, site, true),
							t(`workOrder.status.${o.status}`),
							o.respondedAt,
							o.resolvedAt,
							o.closedAt,
							t(outcome),
							o.rating?.score ?? null,
							t(`export.reportSource.${o.source}`),
							o.technicianId ? (s.people.nameOf(o.technicianId) ?? '') : null,
							counted?.score ?? null,
							counted?.at ?? null,
							counted ? t(`export.ratingChannel.${ratingChannel(counted)}`) : null
						];
					}
				})()
			};
		case 'ratings':
			return {
				kind,
				columns: [
					{ header: 'export.col.time', type: 'datetime' },
					{ header: 'export.col.score', type: 'number', width: 8 },
					{ header: 'export.col.source', type: 'text', width: 10 },
					{ header: 'export.col.receipt', type: 'text', width: 13 },
					{ header: 'export.col.remarks', type: 'text', width: 30 }
				],
				rows: (function* () {
					for (const x of s.ratings.all()) {
						if (!inRange(dayKey(new Date(x.at), tz))) continue;
						const entry = s.fees.entry(x.entryId);
						yield [
							x.at,
							x.score,
							t(`export.ratingSource.${x.source}`),
							entry ? receiptNumber(entry) : '',
							x.remarks
						];
					}
				})()
			};
		case 'bookings':
			return {
				kind,
				columns: [
					{ header: 'export.col.meetingRoom', type: 'text' },
					{ header: 'export.col.title', type: 'text', width: 24 },
					{ header: 'export.col.host', type: 'text' },
					{ header: 'export.col.organization', type: 'text' },
					{ header: 'export.col.start', type: 'datetime' },
					{ header: 'export.col.end', type: 'datetime' },
					{ header: 'export.col.attendees', type: 'number', width: 8 },
					{ header: 'export.col.checkedIn', type: 'number', width: 8 },
					{ header: 'export.col.status', type: 'text', width: 10 },
					{ header: 'export.col.usedMinutes', type: 'number', width: 8 },
					{ header: 'export.col.avCheck', type: 'text', width: 8 },
					{ header: 'export.col.feedbackScore', type: 'text', width: 8 }
				],
				rows: (function* () {
					const now = s.clock.now().getTime();
					for (const b of s.bookings.all()) {
						if (!inRange(dayKey(new Date(b.start), tz))) continue;
						yield [
							site.rooms.find((x) => x.id === b.roomId)?.name ?? b.roomId,
							b.title,
							b.host,
							b.organization,
							b.start,
							b.end,
							b.attendees,
							b.checkedIn,
							t(`desk.rooms.status.${b.status}`),
							b.status === 'released' ? 0 : Math.round(usedMs(b, now) / 60_000),
							t(`export.avCheck.${b.avCheck.status}`),
							b.feedback.map((f) => f.score).join(' ')
						];
					}
				})()
			};
		case 'tickets':
			return ticketsTable(r.tickets ?? [], site, (id) => s.people.nameOf(id) ?? '', t);
	}
}
