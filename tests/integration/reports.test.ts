import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFigures, ServiceReport } from '../../src/lib/domain/reports/types';
import { writeHistory } from '../../bench/lib/history.js';
import { login, removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server';

/**
 * The reports against an independent count from the desk's exports (issue 15: "figures
 * recomputed independently from the exports"). A seeded site gets two years of generated
 * history (scaled down), a real server computes a quarter's and a month's report, and this
 * file recounts the figures from the exported CSV rows with its own arithmetic — none of
 * src/lib/domain/reports is used here.
 */

const ZONE = 'Asia/Shanghai';
const dayIn = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(t);
const yesterday = dayIn(Date.now() - 86_400_000);

let server: RunningServer;
let dataDir: string;
let cookie: string;

beforeAll(async () => {
	dataDir = await tempDataDir();
	const seeding = await startServer({ dataDir });
	await seeding.stop();
	writeHistory({ dataDir, endDay: yesterday, days: 730, scale: 0.03, seed: 7 });
	server = await startServer({ dataDir });
	cookie = await login(server);
});

afterAll(async () => {
	await server?.stop();
	await removeDir(dataDir);
});

/** Rows of a CSV export (English), each a record by header. */
async function exported(kind: string, from: string, to: string): Promise<Record<string, string>[]> {
	const query = new URLSearchParams({ format: 'csv', from, to, lang: 'en' });
	const res = await fetch(`${server.url}/desk/site/export/${kind}?${query}`, {
		headers: { cookie }
	});
	expect(res.status).toBe(200);
	const [head, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
	return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted && c === '"' && text[i + 1] === '"') {
			cell += '"';
			i++;
		} else if (quoted && c === '"') quoted = false;
		else if (quoted) cell += c;
		else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n') {
			row.push(cell.replace(/\r$/, ''));
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	return rows.filter((r) => r.length > 1);
}

async function report(period: string): Promise<ServiceReport> {
	const res = await fetch(`${server.url}/api/desk/reports?period=${period}`, {
		headers: { cookie }
	});
	expect(res.status).toBe(200);
	return ((await res.json()) as { report: ServiceReport }).report;
}

const fen = (yuan: string) => Math.round(Number(yuan) * 100);
/** Nearest rank, written again here on purpose. */
const rank = (values: number[], q: number) => {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	return s[Math.max(1, Math.ceil(q * s.length)) - 1]!;
};
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
const addDays = (day: string, n: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function checkFees(f: ReportFigures) {
	const { from, to } = f.period;
	const ledger = await exported('ledger', from, to);
	const payments = ledger.filter((r) => r['Type'] === 'Payment');
	const voids = ledger.filter((r) => r['Type'] === 'Void');
	const refunds = ledger.filter((r) => r['Type'] === 'Refund');
	const sum = (rows: Record<string, string>[]) =>
		rows.reduce((s, r) => s + fen(r['Amount (CNY)']!), 0);
	expect(f.fees.payments).toEqual({ count: payments.length, amountFen: sum(payments) });
	expect(f.fees.voids).toEqual({ count: voids.length, amountFen: 0 - sum(voids) });
	expect(f.fees.refunds).toEqual({ count: refunds.length, amountFen: 0 - sum(refunds) });
	expect(f.fees.collectedFen).toBe(sum(ledger));
	const method = { qr: 'QR payment', cash: 'Cash', card: 'Card', transfer: 'Bank transfer' };
	for (const [key, text] of Object.entries(method)) {
		const rows = payments.filter((r) => r['Method'] === text);
		expect(f.fees.methods[key as keyof typeof method]).toEqual({
			count: rows.length,
			amountFen: sum(rows)
		});
	}
	const bills = (await exported('bills', from, to)).filter((r) =>
		f.period.months.includes(r['Period']!)
	);
	expect(f.fees.billing.billedFen).toBe(bills.reduce((s, r) => s + fen(r['Amount (CNY)']!), 0));
	expect(f.fees.payments.count).toBeGreaterThan(0);
}

async function checkQueue(f: ReportFigures) {
	const rows = await exported('tickets', f.period.from, f.period.to);
	const q = f.queue;
	expect(q.tickets).toBe(rows.length);
	expect(q.done).toBe(rows.filter((r) => r['Status'] === 'Served').length);
	expect(q.skipped).toBe(rows.filter((r) => r['Status'] === 'No-show').length);
	expect(q.uncalled).toBe(rows.filter((r) => r['Called'] === '').length);
	expect(q.transferred).toBe(rows.filter((r) => r['Transferred from'] !== '').length);
	const waits = rows.filter((r) => r['Wait (s)'] !== '').map((r) => Number(r['Wait (s)']));
	const services = rows.filter((r) => r['Service (s)'] !== '').map((r) => Number(r['Service (s)']));
	expect(seconds(q.waitP50Ms)).toBe(rank(waits, 0.5));
	expect(seconds(q.waitP90Ms)).toBe(rank(waits, 0.9));
	expect(seconds(q.serviceP50Ms)).toBe(rank(services, 0.5));
	expect(seconds(q.serviceP90Ms)).toBe(rank(services, 0.9));
	const fees = q.byService.find((s) => s.service === 'fees')!;
	expect(fees.tickets).toBe(rows.filter((r) => r['Service'] === 'Fees').length);
	// The heat map: weekday × hour of the time taken, in site time, as the export shows it.
	const heat = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
	for (const r of rows) {
		const [day, time] = r['Taken']!.split(' ') as [string, string];
		const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
		heat[weekday]![Number(time.slice(0, 2))]!++;
	}
	expect(q.heatmap).toEqual(heat);
	expect(q.tickets).toBeGreaterThan(100);
}

async function checkSatisfaction(f: ReportFigures) {
	const { from, to } = f.period;
	const inPeriod = (local: string) => local.slice(0, 10) >= from && local.slice(0, 10) <= to;
	const services = (await exported('ratings', from, to)).filter((r) => inPeriod(r['Time']!));
	// Orders rated in the period were reported in it or up to 60 days before.
	const orders = (await exported('workorders', addDays(from, -60), to)).filter(
		(r) => r['Rated'] !== '' && inPeriod(r['Rated']!)
	);
	const scores = [
		...services.map((r) => Number(r['Score'])),
		...orders.map((r) => Number(r['Counted score']))
	];
	const satisfied = scores.filter((s) => s >= 4).length;
	expect(f.satisfaction.rated).toBe(scores.length);
	expect(f.satisfaction.satisfied).toBe(satisfied);
	expect(f.satisfaction.rate).toBe(scores.length ? satisfied / scores.length : null);
	expect(f.satisfaction.byChannel.receipt.rated).toBe(
		services.filter((r) => r['Source'] === 'Receipt QR').length
	);
	expect(f.satisfaction.byChannel.followUp.rated).toBe(
		orders.filter((r) => r['Rating channel'] === 'Follow-up call').length
	);
	expect(f.satisfaction.low.length).toBe(scores.filter((s) => s <= 3).length);
}

async function checkWorkOrders(f: ReportFigures) {
	const rows = await exported('workorders', f.period.from, f.period.to);
	const w = f.workOrders;
	expect(w.created).toBe(rows.length);
	expect(w.cancelled).toBe(rows.filter((r) => r['Status'] === 'Cancelled').length);
	expect(w.rejected).toBe(rows.filter((r) => r['Status'] === 'Not accepted').length);
	expect(w.byCategory.repair).toBe(rows.filter((r) => r['Category'] === 'Repair').length);
	const live = rows.filter((r) => !['Cancelled', 'Not accepted'].includes(r['Status']!));
	expect(w.sla.resolutionMet).toBe(live.filter((r) => r['SLA'] === 'Met').length);
	expect(w.created).toBeGreaterThan(10);
}

async function checkRooms(f: ReportFigures) {
	const rows = await exported('bookings', f.period.from, f.period.to);
	const held = rows.filter((r) => r['Status'] !== 'Cancelled');
	expect(f.rooms.total.bookings).toBe(held.length);
	expect(f.rooms.total.cancelled).toBe(rows.length - held.length);
	expect(f.rooms.total.noShows).toBe(
		held.filter((r) => r['Status'] === 'Released (no-show)').length
	);
	// Minutes are rounded per booking in the export: the sums agree to within half a minute each.
	const minutes = held.reduce((s, r) => s + Number(r['Used (min)'] || 0), 0);
	expect(Math.abs(minutes - f.rooms.total.usedMs / 60_000)).toBeLessThanOrEqual(held.length / 2);
}

describe('reports reconcile with the exports on two years of generated history', () => {
	const quarter = `${yesterday.slice(0, 4)}-Q${Math.ceil(Number(yesterday.slice(5, 7)) / 3)}`;
	const lastMonth = addDays(`${yesterday.slice(0, 7)}-01`, -1).slice(0, 7);

	for (const [name, period] of [
		['the quarter', quarter],
		['last month', lastMonth]
	] as const) {
		it(`${name} (${period}): fees, queue, satisfaction, work orders and rooms`, async () => {
			const r = await report(period);
			expect(r.current.period.key).toBe(period);
			await checkFees(r.current);
			await checkQueue(r.current);
			await checkSatisfaction(r.current);
			await checkWorkOrders(r.current);
			await checkRooms(r.current);
			// The previous period is computed by the same definitions: its fees reconcile too.
			await checkFees(r.previous);
		});
	}

	it('refuses a malformed period with a translated 400, and people without reports.view', async () => {
		const res = await fetch(`${server.url}/api/desk/reports?period=2026-13&lang=en`, {
			headers: { cookie }
		});
		expect(res.status).toBe(400);
		expect(JSON.stringify(await res.json())).toContain('A report period is a month');
		const anonymous = await fetch(`${server.url}/api/desk/reports?period=2026-11`);
		expect(anonymous.status).toBe(401);
	});
});
