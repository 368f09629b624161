/**
 * (c) Start-up time and resident memory with a million audit records stored.
 *
 * The data folder is a normal seeded site (server started once on an empty folder with the
 * default demo seed, then stopped with SIGTERM) plus 1M audit records as day logs for the
 * days before today — today's file stays the one the seed wrote. The same seeded site without
 * the history is measured in the same run as the baseline.
 *
 * Start-up = spawn() → first 200 from GET /api/health. Memory = VmRSS of the server process
 * right after start, and after a light load like the push benchmark's: 500 display sockets,
 * 20 notices published, and the desk's audit page (which reads the last 7 day logs) 3 times;
 * then the peak (VmHWM) after four simultaneous logins.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { daysBefore, today, writeAuditDays } from './lib/audit-days.js';
import { login, memoryOf, publishNotice, startFoyer, waitHealthy } from './lib/foyer-server.js';
import { openClients } from './lib/clients.js';
import { flushDirtyPages, removeDir, stop, tempDir } from './lib/proc.js';
import { ms, nowUs, printTable, summarize } from './lib/stats.js';

/** @param {{ starts?: number, total?: number, sockets?: number }} o */
export async function run({ starts = 3, total = 1_000_000, sockets = 500 } = {}) {
	// A seeded site, as a first start leaves it.
	const seeded = tempDir('seeded');
	const first = await startFoyer({ dataDir: seeded });
	await waitHealthy(first.url);
	if ((await first.stop()) !== 0)
		throw new Error(`seeding run did not stop cleanly:\n${first.output()}`);

	// The same site plus the history. Before today only: today's file is the seed's.
	const big = tempDir('million');
	cpSync(seeded, big, { recursive: true });
	const t0 = Date.now();
	const w = writeAuditDays({ dir: join(big, 'audit'), total, newestDay: daysBefore(today(), 1) });
	flushDirtyPages();
	console.error(
		`  startup: ${total} records in ${w.days} day logs (${(w.bytes / 2 ** 20).toFixed(0)} MiB), ${((Date.now() - t0) / 1000).toFixed(1)} s`
	);

	// A lobby PC restarts without ADMIN_PASSWORD (it is for first start or a reset); with it,
	// every start also verifies it — one scrypt hash (128 MiB, a few hundred ms) — so that
	// variant is measured too.
	/** @type {{ label: string, dir: string, env: Record<string, string> }[]} */
	const variants = [
		{ label: 'seeded site', dir: seeded, env: { ADMIN_PASSWORD: '' } },
		{
			label: `seeded + ${total.toLocaleString('en')} audit records`,
			dir: big,
			env: { ADMIN_PASSWORD: '' }
		},
		{ label: `seeded + ${total.toLocaleString('en')}, ADMIN_PASSWORD set`, dir: big, env: {} }
	];
	const rows = [];
	for (const v of variants) {
		const startMs = [];
		const rssMb = [];
		let loaded;
		for (let i = 0; i < starts; i++) {
			const server = await startFoyer({ dataDir: v.dir, env: v.env });
			startMs.push((await waitHealthy(server.url)) - server.spawnedUs);
			rssMb.push(memoryOf(server.pid).rssMb);
			// Load once per folder, on the last start: that is what the memory target is about.
			if (i === starts - 1 && v.env.ADMIN_PASSWORD === '')
				loaded = await lightLoad(server, sockets);
			if ((await server.stop()) !== 0)
				throw new Error(`server did not stop cleanly:\n${server.output()}`);
			console.error(
				`  startup: ${v.label} #${i + 1}: ${ms(startMs[i] / 1000)} ms, ${rssMb[i].toFixed(0)} MB`
			);
		}
		rows.push({ label: v.label, startMs: startMs.map((t) => t / 1000), rssMb, loaded });
	}
	removeDir(big);
	return { rows, total, sockets, days: w.days, mib: w.bytes / 2 ** 20 };
}

/**
 * 500 display sockets (in a child, via push-clients.js), 20 notices, 3 loads of the desk's
 * audit page; returns the server's memory with the sockets still connected.
 * @param {import('./lib/foyer-server.js').FoyerServer} server
 * @param {number} sockets
 */
async function lightLoad(server, sockets) {
	const clients = await openClients([
		{ name: 'foyer', kind: 'socket.io', url: server.url, count: sockets }
	]);
	const cookie = await login(server.url);
	for (let i = 0; i < 20; i++) await publishNotice(server.url, cookie, `Load ${i + 1}`);
	// The audit page reads and validates the last 7 day logs (~7,000 records): the one page
	// that touches the history. The first load reads the files, the others hit the day cache.
	const auditMs = [];
	for (let i = 0; i < 3; i++) {
		const t0 = nowUs();
		const res = await fetch(`${server.url}/desk/audit`, { headers: { cookie } });
		if (res.status !== 200) throw new Error(`/desk/audit answered ${res.status}`);
		await res.arrayBuffer();
		auditMs.push((nowUs() - t0) / 1000);
	}
	const afterLoad = memoryOf(server.pid);
	// Each login runs one scrypt hash of 128 MiB on the libuv pool (4 threads): staff logging in
	// at the same moment — or anyone posting logins — add up. Four at once is the pool's limit.
	await Promise.all(Array.from({ length: 4 }, () => login(server.url)));
	const afterLogins = memoryOf(server.pid);
	clients.send({ type: 'close' });
	await stop(clients);
	return {
		rssMb: afterLoad.rssMb,
		hwmMb: afterLoad.hwmMb,
		loginsHwmMb: afterLogins.hwmMb,
		auditMs
	};
}

/** Prints the start-up table. */
export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const mb = (/** @type {number | undefined} */ v) => (v === undefined ? '' : v.toFixed(0));
	printTable(
		`Start-up (spawn → /api/health 200, ${r.rows[0]?.startMs.length} starts each) and memory (MB). History: ${r.days} day logs, ${r.mib.toFixed(0)} MiB. Load: ${r.sockets} display sockets + 20 notices + 3 × /desk/audit`,
		[
			'data folder',
			'start-up ms (each start)',
			'median',
			'RSS after start',
			'RSS after load',
			'peak RSS (VmHWM) after load',
			'peak after 4 logins at once',
			'/desk/audit ms (1st / 2nd / 3rd)'
		],
		r.rows.map((x) => [
			x.label,
			x.startMs.map(ms).join(' / '),
			ms(summarize(x.startMs).p50),
			x.rssMb.map(mb).join(' / '),
			mb(x.loaded?.rssMb),
			mb(x.loaded?.hwmMb),
			mb(x.loaded?.loginsHwmMb),
			x.loaded?.auditMs.map(ms).join(' / ') ?? ''
		])
	);
}

/**
 * The start-up targets with the history stored: start ≤ 1 s (every start without
 * ADMIN_PASSWORD, as a lobby PC restarts) and RSS ≤ 150 MB after start and after load. The
 * start with ADMIN_PASSWORD set adds one deliberate scrypt hash; it is shown, not targeted.
 */
export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const big = r.rows.filter((x) => x.label.startsWith('seeded +'));
	const main = big[0];
	if (!main) return [];
	const withPassword = big[1];
	const rss = Math.max(...main.rssMb, main.loaded?.rssMb ?? 0);
	return [
		{
			target: `start-up ≤ 1 s with ${r.total.toLocaleString('en')} records`,
			measured: `median ${ms(summarize(main.startMs).p50)} ms, slowest ${ms(Math.max(...main.startMs))} ms`,
			met: Math.max(...main.startMs) <= 1000
		},
		{
			target: 'RSS ≤ 150 MB (after start, after load)',
			measured: `${Math.max(...main.rssMb).toFixed(0)} / ${main.loaded?.rssMb.toFixed(0)} MB`,
			met: rss <= 150
		},
		...(withPassword
			? [
					{
						target: '(not a target) start-up with ADMIN_PASSWORD set (one scrypt hash)',
						measured: `median ${ms(summarize(withPassword.startMs).p50)} ms`,
						met: null
					}
				]
			: []),
		{
			target: '(not a target) transient peak, 4 logins at once',
			measured: `${main.loaded?.loginsHwmMb.toFixed(0)} MB VmHWM`,
			met: null
		}
	];
}
