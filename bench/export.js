/**
 * (e) export: 100,000 ledger entries written as .xlsx (exceljs's streaming writer, as the desk's
 * export does) and as Foyer's CSV, against a baseline in the same run: the same rows joined by
 * commas and written plainly. Each run is its own process, so the peak RSS is its own.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, track } from './lib/proc.js';
import { printTable } from './lib/stats.js';

const KINDS = /** @type {const} */ (['plain', 'csv', 'xlsx']);

/** One run of one kind: time, peak RSS and file size. */
function once(/** @type {string} */ kind, /** @type {number} */ rows, /** @type {string} */ dir) {
	const child = track(
		fork(fileURLToPath(new URL('./export-child.js', import.meta.url)), [
			kind,
			String(rows),
			join(dir, `ledger.${kind === 'plain' ? 'txt' : kind}`)
		])
	);
	return new Promise((resolve, reject) => {
		/** @type {any} */
		let result;
		child.on('message', (m) => (result = m));
		child.once('exit', (code) =>
			result ? resolve(result) : reject(new Error(`export ${kind} failed (exit ${code})`))
		);
	});
}

export async function run({ rows = 100_000, rounds = 3 } = {}) {
	const dir = tempDir('export');
	/** @type {Record<string, { ms: number[]; peakMb: number[]; bytes: number }>} */
	const out = {};
	for (let r = 0; r < rounds; r++) {
		// Taking turns, so machine load falls on every kind alike.
		for (const kind of KINDS) {
			console.error(`bench: export ${kind} round ${r + 1}`);
			const x = /** @type {any} */ (await once(kind, rows, dir));
			out[kind] ??= { ms: [], peakMb: [], bytes: 0 };
			out[kind].ms.push(x.ms);
			out[kind].peakMb.push(x.peakMb);
			out[kind].bytes = x.bytes;
		}
	}
	return { rows, rounds, out };
}

const median = (/** @type {number[]} */ v) =>
	[...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
const LABEL = {
	plain: 'plain CSV (baseline)',
	csv: 'Foyer CSV (BOM, escaping, yuan)',
	xlsx: 'Foyer xlsx (exceljs stream)'
};

export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	printTable(
		`Export of ${r.rows.toLocaleString('en')} ledger entries (${r.rounds} runs each, own process)`,
		['writer', 'ms (each run)', 'median ms', 'peak RSS MB (each run)', 'file MB'],
		KINDS.map((k) => [
			LABEL[k],
			r.out[k].ms.map((x) => x.toFixed(0)).join(' / '),
			median(r.out[k].ms).toFixed(0),
			r.out[k].peakMb.map((x) => x.toFixed(0)).join(' / '),
			(r.out[k].bytes / 1048576).toFixed(1)
		])
	);
}

export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const xlsx = r.out.xlsx;
	const peak = Math.max(...xlsx.peakMb);
	return [
		{
			target: `xlsx export of ${r.rows.toLocaleString('en')} entries in seconds, not minutes (≤ 30 s)`,
			measured: `median ${(median(xlsx.ms) / 1000).toFixed(1)} s (plain CSV ${(median(r.out.plain.ms) / 1000).toFixed(1)} s)`,
			met: median(xlsx.ms) <= 30_000
		},
		{
			target: 'bounded memory: xlsx peak RSS ≤ 250 MB',
			measured: `${peak.toFixed(0)} MB (plain CSV ${Math.max(...r.out.plain.peakMb).toFixed(0)} MB)`,
			met: peak <= 250
		}
	];
}
