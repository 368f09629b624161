/**
 * One export run in a process of its own (forked by bench/export.js), so its peak RSS
 * (VmHWM) is its own: writes `rows` ledger-like rows to a file as xlsx (exceljs streaming,
 * Foyer's writer), csv (Foyer's writer) or plain (the baseline: the same cells joined by
 * commas and written in batches, no escaping, no formats). Sends { ms, peakMb, bytes }.
 */
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { loadStore } from './lib/app.js';

const [kind, rowsText, file] = process.argv.slice(2);
const total = Number(rowsText);
const columns = [
	{ header: 'export.col.day', type: 'date' },
	{ header: 'export.col.time', type: 'datetime' },
	{ header: 'export.col.entryKind', type: 'text' },
	{ header: 'export.col.method', type: 'text' },
	{ header: 'export.col.drawer', type: 'text' },
	{ header: 'export.col.receipt', type: 'text' },
	{ header: 'export.col.building', type: 'text' },
	{ header: 'export.col.entrance', type: 'text' },
	{ header: 'export.col.room', type: 'text' },
	{ header: 'export.col.amount', type: 'money' },
	{ header: 'export.col.reason', type: 'text' }
];
const headers = [
	'营业日',
	'时间',
	'类型',
	'支付方式',
	'收银台',
	'收据号',
	'楼栋',
	'单元',
	'房号',
	'金额（元）',
	'原因'
];
/** 100,000 entries over about a year, generated as they are read (as the ledger is walked). */
function* rows() {
	const start = Date.parse('2026-01-01T01:00:00Z');
	for (let i = 0; i < total; i++) {
		const at = new Date(start + i * 300_000).toISOString();
		yield [
			at.slice(0, 10),
			at,
			i % 50 === 0 ? '作废' : '收款',
			['现金', '刷卡', '转账', '扫码支付'][i % 4],
			'收银 李静',
			`2026-${String(i + 1).padStart(6, '0')}`,
			`${(i % 5) + 1}栋`,
			String((i % 2) + 1),
			`${(i % 10) + 1}0${(i % 2) + 1}`,
			12345 + (i % 9000),
			i % 50 === 0 ? '收错' : null
		];
	}
}
const peakMb = () =>
	Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

const t0 = performance.now();
if (kind === 'plain') {
	const out = createWriteStream(file);
	async function* lines() {
		yield headers.join(',') + '\n';
		let chunk = '';
		let n = 0;
		for (const r of rows()) {
			chunk += r.map((v) => (v === null ? '' : String(v))).join(',') + '\n';
			if (++n % 2000 === 0) {
				yield chunk;
				chunk = '';
			}
		}
		yield chunk;
	}
	await pipeline(lines, out);
} else {
	const { xlsxStream, csvStream } = await loadStore();
	const table = { kind: 'ledger', columns, rows: rows() };
	const body =
		kind === 'xlsx'
			? xlsxStream(table, headers, '收费流水', 'Asia/Shanghai')
			: csvStream(table, headers, 'Asia/Shanghai');
	await pipeline(body, createWriteStream(file));
}
const ms = performance.now() - t0;
process.send?.({ ms, peakMb: peakMb(), bytes: statSync(file).size }, () => process.exit(0));
