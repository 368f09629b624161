import ExcelJS from 'exceljs';
import { AGE_BUCKETS, PAYMENT_METHODS } from '$lib/domain/fees';
import {
	RATING_CHANNELS,
	type ReportFigures,
	type ServiceReport,
	type TicketTimes
} from '$lib/domain/reports/types';
import { CATEGORIES } from '$lib/domain/work-order-kinds';
import { translate, type Locale, type MessageKey } from '$lib/i18n';

/**
 * A report's figures as an .xlsx for the finance office and the owners' committee: a summary
 * sheet, then one sheet per section (satisfaction, work orders, fees, queue, meeting rooms),
 * each a run of small tables under a bold title. Headers are in the reader's language; money
 * is a number in yuan formatted 0.00, rates numbers formatted 0.0%, times in minutes.
 */

/** A cell: text, a count, or a typed number that gets its format. */
type Cell =
	string | number | null | { fen: number } | { rate: number | null } | { ms: number | null };

const fen = (n: number): Cell => ({ fen: n });
const rate = (r: number | null): Cell => ({ rate: r });
const ms = (m: number | null): Cell => ({ ms: m });

/** What a pack adds to the summary sheet: who issued it, when, and the comments. */
export interface WorkbookPack {
	title: string;
	issuedBy: string;
	issuedAt: string;
	comments: string;
}

/** Writes the workbook of a report (a pack's frozen one, or one computed now). */
export async function reportWorkbook(
	report: ServiceReport,
	locale: Locale,
	pack?: WorkbookPack
): Promise<Buffer> {
	const t = (key: MessageKey, values?: Record<string, string | number>) =>
		translate(locale, key, values);
	const wb = new ExcelJS.Workbook();
	const { current: now, previous: before } = report;
	const site = locale === 'en' && report.site.nameEn ? report.site.nameEn : report.site.name;

	const summary = sheet(wb, t('desk.reports.xlsx.summary'));
	block(
		summary,
		pack?.title ?? t('desk.reports.title'),
		[t('desk.reports.col.figure'), ''],
		[
			[t('desk.reports.packs.site'), site],
			[t('desk.reports.col.now'), `${now.period.from} – ${now.period.to}`],
			[t('desk.reports.col.before'), `${before.period.from} – ${before.period.to}`],
			[t('desk.reports.xlsx.units'), t('desk.reports.xlsx.unitsText')],
			...(pack
				? [
						[t('desk.reports.packs.issuer'), pack.issuedBy],
						[t('desk.reports.packs.issuedOn'), pack.issuedAt],
						[t('desk.reports.packs.comments'), pack.comments]
					]
				: [])
		]
	);

	const cols = [
		t('desk.reports.col.figure'),
		t('desk.reports.col.now'),
		t('desk.reports.col.before')
	];
	const pair = (label: MessageKey, f: (r: ReportFigures) => Cell): Cell[] => [
		t(label),
		f(now),
		f(before)
	];

	const sat = sheet(wb, t('desk.reports.sec.satisfaction'));
	block(sat, t('desk.reports.sec.satisfaction'), cols, [
		pair('desk.reports.sat.rate', (r) => rate(r.satisfaction.rate)),
		pair('desk.reports.sat.rated', (r) => r.satisfaction.rated),
		pair('desk.reports.sat.satisfied', (r) => r.satisfaction.satisfied),
		...RATING_CHANNELS.map((c) =>
			pair(`desk.reports.sat.channel.${c}`, (r) => rate(r.satisfaction.byChannel[c].rate))
		)
	]);
	const rated = [t('desk.reports.col.rated'), t('desk.reports.col.rate')];
	block(
		sat,
		t('desk.reports.sat.trend'),
		[t('desk.reports.col.month'), ...rated],
		now.satisfaction.byMonth.map((m) => [m.month, m.rated, rate(m.rate)])
	);
	block(
		sat,
		t('desk.reports.sat.byCategory'),
		[t('desk.reports.col.category'), ...rated],
		CATEGORIES.map((c) => [
			t(`workOrder.category.${c}`),
			now.satisfaction.byCategory[c].rated,
			rate(now.satisfaction.byCategory[c].rate)
		])
	);
	block(
		sat,
		t('desk.reports.sat.byTechnician'),
		[t('desk.reports.col.technician'), ...rated],
		now.satisfaction.byTechnician.map((r) => [
			r.technician.name || t('desk.reports.sat.noTechnician'),
			r.rated,
			rate(r.rate)
		])
	);
	block(
		sat,
		t('desk.reports.sat.low'),
		[
			t('desk.reports.col.number'),
			t('desk.reports.col.category'),
			t('desk.reports.col.score'),
			t('desk.reports.col.remarks'),
			t('desk.reports.col.followedUp')
		],
		now.satisfaction.low.map((l) => [
			l.number,
			l.category ? t(`workOrder.category.${l.category}`) : t('desk.reports.sat.serviceRating'),
			l.score,
			l.remarks,
			l.followedUp === null ? null : t(l.followedUp ? 'desk.reports.yes' : 'desk.reports.no')
		])
	);

	const wo = sheet(wb, t('desk.reports.sec.workOrders'));
	block(wo, t('desk.reports.sec.workOrders'), cols, [
		pair('desk.reports.wo.created', (r) => r.workOrders.created),
		pair('desk.reports.wo.cancelled', (r) => r.workOrders.cancelled),
		pair('desk.reports.wo.rejected', (r) => r.workOrders.rejected),
		pair('desk.reports.wo.responseRate', (r) => rate(r.workOrders.sla.responseRate)),
		pair('desk.reports.wo.resolutionRate', (r) => rate(r.workOrders.sla.resolutionRate)),
		pair('desk.reports.wo.responseP50', (r) => ms(r.workOrders.sla.responseTime.p50Ms)),
		pair('desk.reports.wo.responseP90', (r) => ms(r.workOrders.sla.responseTime.p90Ms)),
		pair('desk.reports.wo.resolutionP50', (r) => ms(r.workOrders.sla.resolutionTime.p50Ms)),
		pair('desk.reports.wo.resolutionP90', (r) => ms(r.workOrders.sla.resolutionTime.p90Ms)),
		pair('desk.reports.wo.overdueAtEnd', (r) => r.workOrders.overdueAtEnd),
		pair('desk.reports.wo.onHoldAtEnd', (r) => r.workOrders.onHoldAtEnd),
		pair('desk.reports.wo.reopened', (r) => r.workOrders.reopened),
		pair('desk.reports.wo.complaints', (r) => r.workOrders.complaints.count),
		pair('desk.reports.wo.complaintsRate', (r) => rate(r.workOrders.complaints.rate))
	]);
	block(
		wo,
		t('desk.reports.wo.byCategory'),
		[
			t('desk.reports.col.category'),
			t('desk.reports.col.count'),
			t('desk.reports.wo.responseRate'),
			t('desk.reports.wo.resolutionRate')
		],
		CATEGORIES.map((c) => [
			t(`workOrder.category.${c}`),
			now.workOrders.byCategory[c],
			rate(now.workOrders.slaByCategory[c].responseRate),
			rate(now.workOrders.slaByCategory[c].resolutionRate)
		])
	);
	block(
		wo,
		t('desk.reports.wo.bySource'),
		[t('desk.reports.col.source'), t('desk.reports.col.count')],
		(['kiosk', 'phone', 'desk'] as const).map((s) => [
			t(`desk.wo.source.${s}`),
			now.workOrders.bySource[s]
		])
	);

	const fees = sheet(wb, t('desk.reports.sec.fees'));
	block(fees, t('desk.reports.sec.fees'), cols, [
		pair('desk.reports.fees.billed', (r) => fen(r.fees.billing.billedFen)),
		pair('desk.reports.fees.paid', (r) => fen(r.fees.billing.paidFen)),
		pair('desk.reports.fees.rate', (r) => rate(r.fees.billing.rate)),
		pair('desk.reports.fees.collected', (r) => fen(r.fees.collectedFen)),
		pair('desk.reports.fees.voids', (r) => fen(r.fees.voids.amountFen)),
		pair('desk.reports.fees.refunds', (r) => fen(r.fees.refunds.amountFen)),
		pair('desk.reports.fees.arrears', (r) => fen(r.fees.arrears.totalFen)),
		pair('desk.reports.fees.unitsOwing', (r) => r.fees.arrears.unitsOwing)
	]);
	const billed = [
		t('desk.reports.col.billed'),
		t('desk.reports.col.paid'),
		t('desk.reports.col.rate')
	];
	block(
		fees,
		t('desk.reports.fees.byBuilding'),
		[t('desk.reports.col.building'), ...billed],
		now.fees.byBuilding.map((b) => [b.name, fen(b.billedFen), fen(b.paidFen), rate(b.rate)])
	);
	block(
		fees,
		t('desk.reports.fees.byItem'),
		[t('desk.reports.col.item'), ...billed],
		now.fees.byItem.map((i) => [
			(locale === 'en' && i.nameEn) || i.name,
			fen(i.billedFen),
			fen(i.paidFen),
			rate(i.rate)
		])
	);
	block(
		fees,
		t('desk.reports.fees.methods'),
		[t('desk.reports.col.method'), t('desk.reports.col.count'), t('desk.reports.col.amount')],
		PAYMENT_METHODS.map((m) => [
			t(`fees.method.${m}`),
			now.fees.methods[m].count,
			fen(now.fees.methods[m].amountFen)
		])
	);
	block(
		fees,
		t('desk.reports.fees.arrearsAge'),
		[t('desk.reports.col.bucket'), t('desk.reports.col.amount')],
		AGE_BUCKETS.map((b) => [t(`desk.billing.bucket.${b}`), fen(now.fees.arrears.buckets[b])])
	);
	block(
		fees,
		t('desk.reports.fees.arrearsTrend'),
		[t('desk.reports.col.month'), t('desk.reports.col.amount'), t('desk.reports.fees.unitsOwing')],
		now.fees.arrearsTrend.map((p) => [p.month, fen(p.totalFen), p.unitsOwing])
	);

	const q = sheet(wb, t('desk.reports.sec.queue'));
	block(q, t('desk.reports.sec.queue'), cols, [
		pair('desk.reports.q.tickets', (r) => r.queue.tickets),
		pair('desk.reports.q.done', (r) => r.queue.done),
		pair('desk.reports.q.skipped', (r) => r.queue.skipped),
		pair('desk.reports.q.transferred', (r) => r.queue.transferred),
		pair('desk.reports.q.uncalled', (r) => r.queue.uncalled),
		pair('desk.reports.q.waitP50', (r) => ms(r.queue.waitP50Ms)),
		pair('desk.reports.q.waitP90', (r) => ms(r.queue.waitP90Ms)),
		pair('desk.reports.q.serviceP50', (r) => ms(r.queue.serviceP50Ms)),
		pair('desk.reports.q.serviceP90', (r) => ms(r.queue.serviceP90Ms))
	]);
	const times = [
		t('desk.reports.col.tickets'),
		t('desk.reports.col.waitP50'),
		t('desk.reports.col.waitP90'),
		t('desk.reports.col.serviceP50'),
		t('desk.reports.col.serviceP90')
	];
	const timeCells = (r: TicketTimes): Cell[] => [
		r.tickets,
		ms(r.waitP50Ms),
		ms(r.waitP90Ms),
		ms(r.serviceP50Ms),
		ms(r.serviceP90Ms)
	];
	block(
		q,
		t('desk.reports.q.byService'),
		[t('desk.reports.col.service'), ...times],
		now.queue.byService.map((s) => [t(`queue.service.${s.service}`), ...timeCells(s)])
	);
	block(
		q,
		t('desk.reports.q.byCounter'),
		[t('desk.reports.col.counter'), ...times],
		now.queue.byCounter.map((c) => [
			c.number !== null ? t('desk.reports.q.counter', { n: c.number }) : c.name,
			...timeCells(c)
		])
	);
	block(
		q,
		t('desk.reports.q.byStaff'),
		[t('desk.reports.col.staff'), ...times],
		now.queue.byStaff.map((s) => [s.staff.name || t('desk.reports.q.notRecorded'), ...timeCells(s)])
	);
	const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
	block(
		q,
		t('desk.reports.q.heat'),
		[t('desk.reports.col.weekday'), ...[...Array(24).keys()].map(String)],
		days.map((d, i) => [t(`desk.sla.weekday.${d}`), ...(now.queue.heatmap[i] ?? [])])
	);

	const rooms = sheet(wb, t('desk.reports.sec.rooms'));
	block(
		rooms,
		t('desk.reports.sec.rooms'),
		[
			t('desk.reports.col.room'),
			t('desk.reports.col.bookings'),
			t('desk.reports.col.bookedRate'),
			t('desk.reports.col.usedRate'),
			t('desk.reports.col.noShows'),
			t('desk.reports.col.avFailures'),
			t('desk.reports.col.feedback')
		],
		now.rooms.rooms.map((r) => [
			(locale === 'en' && r.nameEn) || r.name,
			r.bookings,
			rate(r.bookedRate),
			rate(r.usedRate),
			r.noShows,
			r.avFailures,
			r.feedback.average
		])
	);

	return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
	const ws = wb.addWorksheet(name.slice(0, 31));
	ws.getColumn(1).width = 34;
	for (let i = 2; i <= 25; i++) ws.getColumn(i).width = 14;
	return ws;
}

/** A small table: its title in bold, its headers in bold, its rows, then a blank line. */
function block(ws: ExcelJS.Worksheet, title: string, headers: string[], rows: Cell[][]): void {
	ws.addRow([title]).font = { bold: true, size: 12 };
	ws.addRow(headers).font = { bold: true };
	for (const cells of rows) {
		const row = ws.addRow(cells.map(value));
		cells.forEach((c, i) => {
			const format = numFmt(c);
			if (format) row.getCell(i + 1).numFmt = format;
		});
	}
	ws.addRow([]);
}

function value(c: Cell): string | number | null {
	if (c === null || typeof c !== 'object') return c;
	if ('fen' in c) return Math.round(c.fen) / 100;
	if ('rate' in c) return c.rate;
	return c.ms === null ? null : Math.round(c.ms / 6000) / 10;
}

function numFmt(c: Cell): string | null {
	if (c === null || typeof c !== 'object') return null;
	if ('fen' in c) return '0.00';
	if ('rate' in c) return '0.0%';
	return '0.0';
}
