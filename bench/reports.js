/**
 * (r) reports: a quarter's service-quality report (/api/desk/reports, what the desk's report
 * page loads) on a site with two years of generated history (bench/lib/history.js: ~40,000
 * work orders, ~300,000 tickets, ~100,000 ledger entries, ~50,000 ratings), against a baseline
 * of reading the same stored records without computing anything: the tickets of the quarter
 * and the one before, and the work orders the report reads from the store, through Foyer's
 * own store code (validation left out, JSON only), in a fresh store each round.
 *
 * The desk's page (/desk/reports?p=…, the report drawn with its charts on the server) is timed
 * after the JSON, its days already read.
 *
 * Two quarters: the last complete one (older than the 120 days of work orders Foyer keeps in
 * memory, so the store is read) and the current one. The first answer of each is "cold" (its
 * days not read yet); the p50 is over the rounds that follow.
 */
import { writeHistory } from './lib/history.js';
import { loadStore } from './lib/app.js';
import { login, startFoyer, waitHealthy } from './lib/foyer-server.js';
import { flushDirtyPages, removeDir, tempDir } from './lib/proc.js';
import { nowUs, printTable } from './lib/stats.js';

const ZONE = 'Asia/Shanghai';
const dayIn = (/** @type {number} */ t) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(t);
const addDays = (/** @type {string} */ day, /** @type {number} */ n) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const median = (/** @type {number[]} */ v) =>
	[...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)] ?? 0;

/** The quarter `back` quarters before the one holding `day`: key, first and last day. */
function quarterOf(/** @type {string} */ day, back = 0) {
	let y = Number(day.slice(0, 4));
	let q = Math.ceil(Number(day.slice(5, 7)) / 3) - back;
	while (q < 1) [y, q] = [y - 1, q + 4];
	const first = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
	const next = q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
	return { key: `${y}-Q${q}`, from: first, to: addDays(next, -1) };
}

export async function run({ scale = 1, rounds = 7 } = {}) {
	const dataDir = tempDir('reports');
	const first = await startFoyer({ dataDir });
	await waitHealthy(first.url);
	if ((await first.stop()) !== 0) throw new Error(`seeding run failed:\n${first.output()}`);
	const endDay = dayIn(Date.now() - 86_400_000);
	let t0 = Date.now();
	const history = writeHistory({ dataDir, endDay, scale });
	flushDirtyPages();
	const generateS = (Date.now() - t0) / 1000;
	console.error(`  reports: history written in ${generateS.toFixed(1)} s`, history.counts);

	const quarters = [quarterOf(endDay, 1), quarterOf(endDay, 0)];
	const server = await startFoyer({ dataDir });
	const startMs = ((await waitHealthy(server.url)) - server.spawnedUs) / 1000;
	const cookie = await login(server.url);
	// The "first" answer right after start-up: before the server's read-ahead (5 s after
	// start) has read the quarters' days. A second server, given 15 s, shows what a manager
	// who opens the reports a little after a restart meets.
	/** @type {Record<string, number[]>} */
	const answers = {};
	for (const q of quarters) {
		answers[q.key] = [];
		for (let r = 0; r < rounds; r++) {
			t0 = nowUs();
			const res = await fetch(`${server.url}/api/desk/reports?period=${q.key}`, {
				headers: { cookie }
			});
			if (res.status !== 200) throw new Error(`report ${q.key}: ${res.status}`);
			await res.arrayBuffer();
			answers[q.key].push((nowUs() - t0) / 1000);
			console.error(`  reports: ${q.key} #${r + 1} ${answers[q.key].at(-1)?.toFixed(0)} ms`);
		}
	}
	// The page the manager opens: the same report drawn on the server with its charts.
	/** @type {Record<string, number[]>} */
	const pages = {};
	for (const q of quarters) {
		pages[q.key] = [];
		for (let r = 0; r < rounds; r++) {
			t0 = nowUs();
			const res = await fetch(`${server.url}/desk/reports?p=${q.key}`, { headers: { cookie } });
			const html = await res.text();
			if (res.status !== 200 || !html.includes('<svg'))
				throw new Error(`page ${q.key}: ${res.status}`);
			pages[q.key].push((nowUs() - t0) / 1000);
		}
	}
	await server.stop();

	// After the read-ahead: a fresh server, the report asked 15 s after it is up.
	/** @type {Record<string, number>} */
	const afterReadAhead = {};
	const second = await startFoyer({ dataDir });
	await waitHealthy(second.url);
	const cookie2 = await login(second.url);
	await new Promise((r) => setTimeout(r, 15_000));
	for (const q of quarters) {
		t0 = nowUs();
		const res = await fetch(`${second.url}/api/desk/reports?period=${q.key}`, {
			headers: { cookie: cookie2 }
		});
		if (res.status !== 200) throw new Error(`report ${q.key}: ${res.status}`);
		await res.arrayBuffer();
		afterReadAhead[q.key] = (nowUs() - t0) / 1000;
	}
	await second.stop();

	// The baseline: the same stored records read, nothing computed.
	const { Store, systemClock } = await loadStore();
	/** @type {Record<string, number[]>} */
	const reads = {};
	for (const q of quarters) {
		reads[q.key] = [];
		const before = quarterOf(q.from, 1);
		for (let r = 0; r < rounds; r++) {
			t0 = nowUs();
			const store = await Store.open({ dir: dataDir, clock: systemClock, timeZone: () => ZONE });
			const tickets = await store.collection('tickets', (/** @type {any} */ d) => d);
			const orders = await store.collection('workorders', (/** @type {any} */ d) => d);
			const n =
				(await tickets.list(before.from, q.to)).length +
				(await orders.list(addDays(before.from, -60), q.to)).length;
			reads[q.key].push((nowUs() - t0) / 1000);
			await store.close();
			if (n === 0) throw new Error('nothing read');
		}
	}
	removeDir(dataDir);
	return { history, generateS, startMs, rounds, quarters, answers, pages, afterReadAhead, reads };
}

export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const c = r.history.counts;
	printTable(
		`Reports: a quarter beside the one before, on two years of history (${c.workorders.toLocaleString('en')} work orders, ${c.tickets.toLocaleString('en')} tickets, ${c.ledger.toLocaleString('en')} ledger entries, ${c.bills.toLocaleString('en')} bills, ${(c.ratings ?? 0).toLocaleString('en')} service ratings, ${c.bookings.toLocaleString('en')} bookings; written in ${r.generateS.toFixed(0)} s; server start ${r.startMs.toFixed(0)} ms). ms, ${r.rounds} rounds`,
		[
			'quarter',
			'first (cold)',
			'first, 15 s after start',
			'p50 after',
			'max after',
			'page p50',
			'baseline read p50',
			'each answer'
		],
		r.quarters.map((q) => {
			const a = r.answers[q.key] ?? [];
			return [
				q.key,
				(a[0] ?? 0).toFixed(0),
				(r.afterReadAhead[q.key] ?? 0).toFixed(0),
				median(a.slice(1)).toFixed(0),
				Math.max(...a.slice(1)).toFixed(0),
				median(r.pages[q.key] ?? []).toFixed(0),
				median(r.reads[q.key] ?? []).toFixed(0),
				a.map((x) => x.toFixed(0)).join(' / ')
			];
		})
	);
}

export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	return r.quarters.map((q) => {
		const a = r.answers[q.key] ?? [];
		const p50 = median(a.slice(1));
		const page = median(r.pages[q.key] ?? []);
		return {
			target: `quarter report ${q.key} on two years of history < 1 s (p50, JSON and the desk's page)`,
			measured: `p50 ${p50.toFixed(0)} ms, page ${page.toFixed(0)} ms, first ${(a[0] ?? 0).toFixed(0)} ms (baseline read ${median(r.reads[q.key] ?? []).toFixed(0)} ms)`,
			met: p50 < 1000 && page < 1000
		};
	});
}
