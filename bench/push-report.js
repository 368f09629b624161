/** Tables and target verdicts for push.js's results. */
import { ms, printTable } from './lib/stats.js';

const LABEL = { ws: 'bare ws', 'socket.io': 'bare Socket.IO', foyer: 'Foyer' };

/** @typedef {Awaited<ReturnType<typeof import('./push.js').run>>} Result */
/** @typedef {import('./push.js').System} System */

/** Prints the push tables. */
export function report(/** @type {Result} */ r) {
	printTable(
		`Push latency, trigger → each socket's handler, ms (${r.rounds} rounds per system after ${r.warmup} warm-ups; clients in ${r.clientProcs} processes; today's audit file held ${r.auditToday} entries at the start)`,
		[
			'system',
			'N',
			'samples',
			'p50',
			'p95',
			'p99',
			'max',
			'last p50',
			'last p95',
			'last max',
			'answered p50',
			'client busy/push',
			'lost'
		],
		r.results.map((x) => [
			LABEL[x.system],
			x.n,
			x.all.n,
			...[
				x.all.p50,
				x.all.p95,
				x.all.p99,
				x.all.max,
				x.last.p50,
				x.last.p95,
				x.last.max,
				x.answered.p50,
				x.clientBusy
			].map(ms),
			x.lost
		])
	);
	const rows = [];
	for (const n of new Set(r.results.map((x) => x.n))) {
		const get = (/** @type {System} */ s) => r.results.find((x) => x.n === n && x.system === s);
		const [ws, sio, fo] = [get('ws'), get('socket.io'), get('foyer')];
		if (!ws || !sio || !fo) continue;
		const ratio = (/** @type {number} */ a, /** @type {number} */ b) => `${(a / b).toFixed(2)}×`;
		rows.push([
			n,
			ratio(fo.all.p50, ws.all.p50),
			ratio(fo.all.p99, ws.all.p99),
			ratio(sio.all.p99, ws.all.p99),
			ratio(fo.all.p99, sio.all.p99),
			ms(fo.all.p50 - sio.all.p50),
			ms(fo.all.p99 - sio.all.p99)
		]);
	}
	const f = r.fsync;
	printTable(
		`Ratios. The two durable writes alone (one line each to the notice log of ${f.bytes[0]} B and the audit log of ${f.bytes[1]} B): p50 ${ms(f.pair.p50)} ms, p95 ${ms(f.pair.p95)} ms, p99 ${ms(f.pair.p99)} ms`,
		[
			'N',
			'Foyer/ws p50',
			'Foyer/ws p99',
			'Socket.IO/ws p99',
			'Foyer/Socket.IO p99',
			'Foyer − Socket.IO p50',
			'Foyer − Socket.IO p99'
		],
		rows
	);
}

/**
 * The push targets: p99 ≤ 50 ms at the largest N, and within 1.5× of the bare ws p99 at every
 * N measured (100 and 500 displays).
 */
export function targets(/** @type {Result} */ r) {
	const sizes = [...new Set(r.results.map((x) => x.n))].sort((a, b) => a - b);
	const largest = sizes.at(-1);
	const out = [];
	for (const n of sizes) {
		const ws = r.results.find((x) => x.n === n && x.system === 'ws');
		const fo = r.results.find((x) => x.n === n && x.system === 'foyer');
		if (!ws || !fo) continue;
		if (n === largest) {
			out.push({
				target: `push p99 ≤ 50 ms at ${n} displays`,
				measured: `${ms(fo.all.p99)} ms`,
				met: fo.all.p99 <= 50
			});
		}
		const ratio = fo.all.p99 / ws.all.p99;
		out.push({
			target: `push p99 within 1.5× of bare ws at ${n}`,
			measured: `${ratio.toFixed(2)}× (${ms(fo.all.p99)} vs ${ms(ws.all.p99)} ms)`,
			met: ratio <= 1.5
		});
	}
	return out;
}
