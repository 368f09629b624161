/**
 * (s) sites  The cost of an idle site: one Foyer process on PostgreSQL serving 1 site (the
 * baseline, in the same run) and then N sites (SITES=s1,…,sN), each seeded with the demo
 * service center and then left alone — no screen, no request — as most of a company's sites
 * are at night. Per process: start-up time, resident memory, CPU while idle, and the database
 * connections it holds; per site: (N − 1 site) / (N − 1).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startPrivatePostgres } from '../scripts/postgres.js';
import { startFoyer } from './lib/foyer-server.js';
import { nowUs, printTable, sleep } from './lib/stats.js';
import { tempDir } from './lib/proc.js';

/** CPU seconds (user + system) the process has used, from /proc. */
function cpuSeconds(/** @type {number} */ pid) {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory in MB, from /proc. */
function rssMb(/** @type {number} */ pid) {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) / 1024 : NaN;
}

/** @param {{ sizes?: number[], idleSeconds?: number }} o */
export async function run({ sizes = [10, 20], idleSeconds = 20 } = {}) {
	const postgres = await startPrivatePostgres({
		durable: true,
		log: (line) => console.error(`  sites: ${line}`)
	});
	if (!postgres) return { skipped: 'PostgreSQL is not installed', results: [] };
	const results = [];
	try {
		for (const n of [1, ...sizes]) {
			const name = `bench_sites_${n}`;
			const admin = new pg.Client({ connectionString: postgres.url });
			await admin.connect();
			await admin.query(`CREATE DATABASE ${name}`);
			const url = new URL(postgres.url);
			url.pathname = `/${name}`;
			const sites = Array.from({ length: n }, (_, i) => `s${i + 1}`);
			const t0 = nowUs();
			const server = await startFoyer({
				dataDir: tempDir('sites'),
				env: { DATABASE_URL: url.toString(), SITES: sites.join(',') },
				timeoutMs: 60_000 + n * 20_000
			});
			const startS = (nowUs() - t0) / 1e6;
			// Settled: the reports' warm-up (5 s after start) and the first clocks have run.
			await sleep(10_000);
			const cpu0 = cpuSeconds(server.pid);
			await sleep(idleSeconds * 1000);
			const cpuIdle = (cpuSeconds(server.pid) - cpu0) / idleSeconds;
			const rss = rssMb(server.pid);
			const { rows } = await admin.query(
				`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`,
				[name]
			);
			await server.stop();
			await admin.end();
			results.push({ n, startS, rss, cpuIdle, connections: rows[0].n });
			console.error(
				`  sites: ${n} → start ${startS.toFixed(1)} s, ${rss.toFixed(0)} MB, ` +
					`${(cpuIdle * 100).toFixed(1)}% CPU idle, ${rows[0].n} connections`
			);
		}
		return { results, idleSeconds };
	} finally {
		postgres.stop();
	}
}

/** Prints the table: each size, and the cost of one more idle site. */
export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	if ('skipped' in r) return console.log(`\nsites: skipped (${r.skipped})`);
	const one = r.results[0];
	printTable(
		`Idle sites in one process on PostgreSQL (demo data each; CPU over ${r.idleSeconds} s idle)`,
		[
			'sites',
			'start s',
			'RSS MB',
			'idle CPU %',
			'DB connections',
			'per extra site: MB',
			'CPU %',
			'connections'
		],
		r.results.map((x) => [
			x.n,
			x.startS.toFixed(1),
			x.rss.toFixed(0),
			(x.cpuIdle * 100).toFixed(2),
			x.connections,
			...(x.n === 1
				? ['–', '–', '–']
				: [
						((x.rss - one.rss) / (x.n - 1)).toFixed(1),
						(((x.cpuIdle - one.cpuIdle) / (x.n - 1)) * 100).toFixed(3),
						((x.connections - one.connections) / (x.n - 1)).toFixed(2)
					])
		])
	);
}

/** The targets: an idle site costs well under a process of its own (~100 MB, 5+ connections). */
export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	if ('skipped' in r) return [];
	const one = r.results[0];
	const last = r.results.at(-1);
	if (!one || !last || last.n === 1) return [];
	const mb = (last.rss - one.rss) / (last.n - 1);
	const conns = (last.connections - one.connections) / (last.n - 1);
	return [
		{
			target: 'an idle site costs < 30 MB of memory in a shared process',
			measured: `${mb.toFixed(1)} MB per site (${last.n} sites: ${last.rss.toFixed(0)} MB; 1 site: ${one.rss.toFixed(0)} MB)`,
			met: mb < 30
		},
		{
			target: 'an idle site holds ≤ 2 more database connections per process',
			measured: `${conns.toFixed(2)} per site (${last.connections} at ${last.n} sites, ${one.connections} at 1)`,
			met: conns <= 2
		}
	];
}
