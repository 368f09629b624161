/**
 * Writes two years of a service center's history into a seeded data folder, fast and the same
 * every time for the same seed: the records go straight into the store's day logs
 * (`<collection>/<YYYY-MM-DD>.log`, one JSON record per line, ids starting with their site
 * day — docs/store.md), not through 500,000 acknowledged appends. Used by the reports bench
 * (bench/reports.js) and tests/integration/reports.test.ts.
 *
 * The folder must hold a seeded site (a server started once with the demo seed, then
 * stopped): its site is grown to `units` units, its seeded bills are replaced by the
 * history's, and its staff are the technicians, cashiers and callers of the history.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feesOf } from './history-fees.js';
import { bookingsOf, ordersOf, ticketsOf } from './history-records.js';
import { addDays, dice, growSite, monthsOf, prng, siteClock } from './history-site.js';

/**
 * @typedef {object} HistoryOptions
 * @property {string} dataDir a seeded, stopped data folder
 * @property {string} endDay the last site day of history (YYYY-MM-DD), usually yesterday
 * @property {number} [days] how many days back (730: two years)
 * @property {number} [scale] 1: 40,000 work orders, ~300,000 tickets, ~100,000 ledger entries
 * @property {number} [seed]
 */

/** Full-size volumes per day (scale 1) and the estate's size. */
const FULL = { units: 1750, ticketsPerDay: 410, ordersPerDay: 55, bookingsPerRoomDay: 3 };

/** @param {HistoryOptions} o */
export function writeHistory({ dataDir, endDay, days = 730, scale = 1, seed = 15 }) {
	const d = dice(prng(seed));
	const sitePath = join(dataDir, 'site.json');
	const site = growSite(
		JSON.parse(readFileSync(sitePath, 'utf8')),
		Math.max(20, Math.round(FULL.units * scale)),
		d
	);
	writeFileSync(sitePath, JSON.stringify(site));
	const staff = JSON.parse(readFileSync(join(dataDir, 'staff.json'), 'utf8')).staff;
	const role = (r) => staff.filter((s) => s.roles.includes(r));
	const clock = siteClock(site.timeZone);
	const firstDay = addDays(endDay, -(days - 1));
	const end = clock.at(addDays(endDay, 1), 0) - 1;
	/** The channel and the caller were not recorded in the first year (older records). */
	const since = addDays(endDay, -365);
	const ctx = {
		d,
		clock,
		site,
		end,
		endDay,
		units: site.units.map((u) => u.id),
		counters: site.counters.map((c) => c.id),
		rooms: site.rooms.map((r) => r.id),
		techs: role('technician'),
		callers: [...role('frontdesk'), ...role('cashier'), ...role('manager')].map((s) => s.id),
		cashiers: role('cashier'),
		manager: role('manager')[0],
		months: monthsOf(firstDay, endDay)
	};
	const files = { tickets: [], workorders: [], bookings: [] };
	for (let day = firstDay; day <= endDay; day = addDays(day, 1)) {
		const known = day >= since;
		files.tickets.push(
			...ticketsOf(day, { ...ctx, perDay: FULL.ticketsPerDay * scale, knowsCaller: known })
		);
		files.workorders.push(
			...ordersOf(day, { ...ctx, perDay: FULL.ordersPerDay * scale, knowsChannel: known })
		);
		files.bookings.push(
			...bookingsOf(day, { ...ctx, perDay: Math.max(1, Math.round(FULL.bookingsPerRoomDay)) })
		);
	}
	const { bills, ledger, ratings } = feesOf(ctx);
	const counts = {};
	for (const [name, records] of Object.entries({ ...files, bills, ledger, ratings })) {
		counts[name] = writeCollection(dataDir, name, records, end);
	}
	return { firstDay, endDay, units: site.units.length, counts };
}

/** Replaces a collection's day logs with `records`, filed by their ids' days. */
function writeCollection(dataDir, name, records, end) {
	const dir = join(dataDir, name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const byDay = new Map();
	let n = 0;
	for (const r of records) {
		if (Date.parse(r.at) > end) continue;
		const day = `${r.id.slice(0, 4)}-${r.id.slice(4, 6)}-${r.id.slice(6, 8)}`;
		let lines = byDay.get(day);
		if (!lines) byDay.set(day, (lines = []));
		lines.push(JSON.stringify(r));
		n++;
	}
	for (const [day, lines] of byDay) writeFileSync(join(dir, `${day}.log`), lines.join('\n') + '\n');
	return n;
}
