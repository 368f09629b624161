/**
 * (k) cluster  The cost of the Socket.IO PostgreSQL adapter (docs/cluster.md): push latency from
 * a desk change to every display socket, with 1 Foyer process on PostgreSQL against 2 processes
 * sharing one database, measured in the same run with rounds rotating between them.
 *
 *   one  1 process, every display connected to it (the adapter is attached, with no peer).
 *   two  2 processes on another database; the displays split half and half; the desk publishes
 *        on process A, so half the sockets get the push from A directly and half through
 *        NOTIFY → process B (the path a screen on another process takes).
 *
 * A private PostgreSQL as the store section starts it (scripts/postgres.js, fsync on). The
 * measuring loop and display clients are push.js's.
 */
import pg from 'pg';
import { startPrivatePostgres } from '../scripts/postgres.js';
import { deskPublisher, login, startFoyer } from './lib/foyer-server.js';
import { tempDir } from './lib/proc.js';
import { measure } from './push.js';
import { ms, printTable } from './lib/stats.js';

export const SYSTEMS = /** @type {const} */ (['one', 'two']);

/** @param {{ sizes?: number[], rounds?: number, warmup?: number, clientProcs?: number }} o */
export async function run({ sizes = [500], rounds = 100, warmup = 5, clientProcs = 2 } = {}) {
	const postgres = await startPrivatePostgres({
		durable: true,
		log: (line) => console.error(`  cluster: ${line}`)
	});
	if (!postgres) return { skipped: 'PostgreSQL is not installed', results: [] };
	/** @type {import('./lib/foyer-server.js').FoyerServer[]} */
	const servers = [];
	try {
		const db = async (/** @type {string} */ name) => {
			const c = new pg.Client({ connectionString: postgres.url });
			await c.connect();
			await c.query(`CREATE DATABASE ${name}`);
			await c.end();
			const url = new URL(postgres.url);
			url.pathname = `/${name}`;
			return url.toString();
		};
		const start = async (/** @type {string} */ databaseUrl) => {
			const s = await startFoyer({
				dataDir: tempDir('cluster'),
				env: { DATABASE_URL: databaseUrl }
			});
			servers.push(s);
			return s;
		};
		const [urlOne, urlTwo] = [await db('bench_one'), await db('bench_two')];
		// Each database seeded by its first process before the second opens it.
		const one = await start(urlOne);
		const a = await start(urlTwo);
		const b = await start(urlTwo);
		const deskOne = await deskPublisher(one.url, await login(one.url));
		const deskTwo = await deskPublisher(a.url, await login(a.url));
		const targets = {
			one: {
				kind: /** @type {const} */ ('socket.io'),
				url: one.url,
				trigger: () => deskOne.publish(`Bench ${Date.now()}`)
			},
			two: {
				kind: /** @type {const} */ ('socket.io'),
				url: a.url,
				urls: [a.url, b.url],
				trigger: () => deskTwo.publish(`Bench ${Date.now()}`)
			}
		};
		const results = [];
		for (const n of sizes) {
			const r = await measure({ n, rounds, warmup, clientProcs, targets, systems: SYSTEMS });
			for (const system of SYSTEMS) {
				results.push({ system, n, ...r.bySystem[system], clientBusy: r.clientBusy });
				console.error(`  cluster: ${system} N=${n} p99 ${ms(r.bySystem[system].all.p99)} ms`);
			}
		}
		deskOne.close();
		deskTwo.close();
		return { results, rounds, warmup, clientProcs };
	} finally {
		for (const s of servers) await s.stop();
		postgres.stop();
	}
}

const LABEL = { one: '1 process', two: '2 processes + adapter' };

/** Prints the table: both set-ups, and the adapter's cost (two − one). */
export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	if ('skipped' in r) return console.log(`\ncluster: skipped (${r.skipped})`);
	printTable(
		`Push latency on PostgreSQL, desk change → each display, ms (${r.rounds} rounds after ${r.warmup} warm-ups; clients in ${r.clientProcs} processes)`,
		['set-up', 'N', 'samples', 'p50', 'p95', 'p99', 'max', 'last p50', 'last max', 'lost'],
		r.results.map((x) => [
			LABEL[x.system],
			x.n,
			x.all.n,
			...[x.all.p50, x.all.p95, x.all.p99, x.all.max, x.last.p50, x.last.max].map(ms),
			x.lost
		])
	);
}

/** No fixed target: the adapter's cost is stated (docs/performance.md); nothing may be lost. */
export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	if ('skipped' in r) return [];
	return [...new Set(r.results.map((x) => x.n))].map((n) => {
		const one = r.results.find((x) => x.n === n && x.system === 'one');
		const two = r.results.find((x) => x.n === n && x.system === 'two');
		return {
			target: `the adapter loses no push at ${n} displays (cost: two − one p99)`,
			measured: `${ms((two?.all.p99 ?? 0) - (one?.all.p99 ?? 0))} ms (${ms(two?.all.p99 ?? 0)} vs ${ms(one?.all.p99 ?? 0)} ms)`,
			met: (one?.lost ?? 1) === 0 && (two?.lost ?? 1) === 0
		};
	});
}
