/**
 * `npm run bench`: Foyer's benchmarks, each against a baseline measured in the same run.
 *
 *   (a) push     desk change → every display socket, Foyer vs a bare `ws` server (N = 100, 500)
 *   (b) store    acknowledged-write latency at 10k / 100k / 1M records, Foyer's store vs SQLite
 *   (c) startup  spawn → /api/health 200 and resident memory with 1M audit records stored
 *   (d) payment  kiosk "pay" tap → QR; paid notification → kiosk told and receipt at the printer
 *   (e) export   100,000 ledger entries as xlsx and CSV, against plain CSV: time and peak RSS
 *   (f) door-panel  a press with the conference PIN → the server's answer (≤ 200 ms)
 *   (g) import   5,000 units and 10,000 residents through /desk/site/import; peak RSS; one edit after
 *   (h) shipped  JavaScript gzip per page and surface; kiosk tap → next paint at 4× CPU slowdown
 *   (i) payment-real  WeChat Pay and Alipay against their fakes: pay tap → QR; paid → kiosk paid,
 *                by notification and by status query alone
 *   (r) reports  a quarter's report on two years of generated history (bench/lib/history.js)
 *                vs reading the same stored records; target < 1 s
 *   (k) cluster  push p99 at 500 displays on PostgreSQL: 2 processes + the Socket.IO adapter vs
 *                1 process (the adapter's cost)
 *   (s) sites    the cost of an idle site: one process serving 1 site vs 10 and 20 (memory,
 *                idle CPU, database connections, start-up)
 *
 * Each section runs in its own process (bench/section.js) against a frozen copy of build/
 * (bench/lib/app.js), so a rebuild by someone else mid-run cannot pull the server away. This
 * script prints the machine, how loaded it was, the tables and the targets.
 *
 * Flags: --only=push,store,… (section names)  --no-build (never run `npm run build`)
 *        --quick (fewer rounds and 100k records: a smoke test, not figures)  --json=FILE
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { prepareApp } from '../bench/lib/app.js';
import { describeMachine } from '../bench/lib/machine.js';
import { track } from '../bench/lib/proc.js';
import { printTable } from '../bench/lib/stats.js';

const args = process.argv.slice(2);
/** `--name=value` → 'value', `--name` → '', absent → undefined. */
function flag(/** @type {string} */ name) {
	const a = args.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
	return a === undefined ? undefined : a.slice(name.length + 3);
}
const quick = flag('quick') !== undefined;

/** Options per section. Together about two to three minutes on the 2-core machine. */
const OPTIONS = {
	push: quick
		? { rounds: 15, warmup: 3 }
		: { sizes: [100, 500], rounds: 300, warmup: 5, clientProcs: 2 },
	store: quick
		? { sizes: [10_000, 100_000], appends: 100 }
		: { sizes: [10_000, 100_000, 1_000_000], appends: 500, warmup: 5 },
	startup: quick ? { starts: 1, total: 100_000 } : { starts: 3, total: 1_000_000, sockets: 500 },
	payment: quick ? { rounds: 10, warmup: 2 } : { rounds: 100, warmup: 5 },
	export: quick ? { rows: 10_000, rounds: 1 } : { rows: 100_000, rounds: 3 },
	'door-panel': quick ? { rounds: 10, warmup: 2 } : { rounds: 100, warmup: 3 },
	import: quick
		? { units: 1000, residents: 2000, edits: 5 }
		: { units: 5000, residents: 10_000, edits: 20 },
	shipped: quick ? { taps: 5 } : { taps: 21 },
	'payment-real': quick ? { rounds: 3, warmup: 1 } : { rounds: 20, warmup: 2 },
	reports: quick ? { scale: 0.1, rounds: 3 } : { scale: 1, rounds: 7 },
	cluster: quick ? { sizes: [100], rounds: 10, warmup: 2 } : { sizes: [500], rounds: 100 },
	sites: quick ? { sizes: [3], idleSeconds: 5 } : { sizes: [10, 20], idleSeconds: 20 }
};
const only = (flag('only') || Object.keys(OPTIONS).join(',')).split(',');
for (const name of only) if (!(name in OPTIONS)) throw new Error(`unknown section ${name}`);

const started = Date.now();
const machine = describeMachine();
console.log('# Foyer benchmarks\n');
for (const [k, v] of Object.entries(machine)) console.log(`${k.padEnd(8)} ${v}`);
const app = await prepareApp({ build: flag('no-build') === undefined });
console.log(`build    ${app.note}`);
console.log(`command  npm run bench${args.length ? ' -- ' + args.join(' ') : ''}`);

/** @type {Record<string, any>} */
const results = {};
/** @type {(string | number)[][]} */
const load = [];
for (const name of only) {
	console.error(`bench: ${name} …`);
	const t0 = Date.now();
	const before = os.loadavg()[0];
	results[name] = await runSection(name, OPTIONS[/** @type {keyof typeof OPTIONS} */ (name)]);
	// Other work on this machine skews latency; say how busy it was so the figures can be judged.
	load.push([
		name,
		((Date.now() - t0) / 1000).toFixed(0),
		before.toFixed(2),
		os.loadavg()[0].toFixed(2)
	]);
	console.error(`bench: ${name} done in ${load.at(-1)?.[1]} s`);
}

printTable(
	`Sections (machine has ${os.cpus().length} cores; load = 1-minute load average)`,
	['section', 'wall s', 'load before', 'load after'],
	load
);
/** @type {(string | number)[][]} */
const verdicts = [];
for (const name of only) {
	const section = await import(fileURLToPath(new URL(`../bench/${name}.js`, import.meta.url)));
	section.report(results[name]);
	for (const t of section.targets(results[name]))
		verdicts.push([t.target, t.measured, t.met === null ? '–' : t.met ? 'met' : 'MISSED']);
}
printTable('Targets', ['target', 'measured', 'verdict'], verdicts);
console.log(`\nTotal wall time ${((Date.now() - started) / 1000).toFixed(0)} s.`);
const json = flag('json');
if (json)
	writeFileSync(
		json,
		JSON.stringify({ machine, build: app.note, options: OPTIONS, load, results }, null, '\t')
	);
process.exit(0);

/** Forks bench/section.js for one section and resolves with the result it sends back. */
function runSection(/** @type {string} */ name, /** @type {object} */ opts) {
	const child = track(
		fork(
			fileURLToPath(new URL('../bench/section.js', import.meta.url)),
			[name, JSON.stringify(opts)],
			{
				env: { ...process.env, FOYER_BENCH_APP: app.dir }
			}
		),
		'SIGTERM' // so the section cleans up its own server, clients and folders
	);
	return new Promise((resolve, reject) => {
		/** @type {unknown} */
		let result;
		child.on('message', (/** @type {any} */ m) => m.type === 'result' && (result = m.result));
		child.once('exit', (code) =>
			result !== undefined
				? resolve(result)
				: reject(new Error(`section ${name} failed (exit ${code})`))
		);
	});
}
