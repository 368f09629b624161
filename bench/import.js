/**
 * (e) Import of site records through the desk's real endpoints, on a server with the demo
 * site: 5,000 units, then 10,000 residents (one .xlsx each, made with exceljs as Excel would
 * save it). Timed: upload → preview (read, validate, match), and confirm (applied in one
 * durable write of the site document). Peak RSS of the server (VmHWM) after both.
 *
 * Also times what the one-document decision costs afterwards (docs/decisions.md 13): a single
 * resident edit at the desk once the site holds those 15,000 records, against the same edit
 * on the 200-unit demo site as the baseline.
 */
import ExcelJS from 'exceljs';
import { startFoyer, login, waitHealthy, memoryOf } from './lib/foyer-server.js';
import { removeDir, tempDir } from './lib/proc.js';
import { ms, nowUs, printTable, summarize } from './lib/stats.js';

/** @param {string[]} headers @param {string[][]} rows */
async function workbook(headers, rows) {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('导入');
	ws.addRow(headers);
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** @param {string} url @param {string} cookie @param {string} kind @param {Buffer} bytes */
async function importFile(url, cookie, kind, bytes) {
	const form = new FormData();
	form.set('kind', kind);
	form.set('file', new File([new Uint8Array(bytes)], `${kind}.xlsx`));
	const headers = { origin: url, cookie };
	let t = nowUs();
	const p = await fetch(`${url}/desk/site/import/preview`, { method: 'POST', headers, body: form });
	const preview = /** @type {any} */ (await p.json());
	const previewMs = (nowUs() - t) / 1000;
	if (!p.ok || preview.errorCount)
		throw new Error(`preview: ${JSON.stringify(preview).slice(0, 300)}`);
	t = nowUs();
	const c = await fetch(`${url}/desk/site/import/${preview.token}/confirm`, {
		method: 'POST',
		headers,
		body: new FormData()
	});
	if (!c.ok) throw new Error(`confirm: ${c.status} ${await c.text()}`);
	return {
		rows: preview.rows,
		previewMs,
		confirmMs: (nowUs() - t) / 1000,
		mb: bytes.length / 1024 ** 2
	};
}

/** A resident edit as the desk's form posts it; ms. */
async function edit(
	/** @type {string} */ url,
	/** @type {string} */ cookie,
	/** @type {number} */ i
) {
	const t = nowUs();
	const res = await fetch(`${url}/desk/site/residents?/add`, {
		method: 'POST',
		headers: {
			origin: url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({
			unitId: '1-1-101',
			name: `测试${i}`,
			phones: `135${String(i).padStart(8, '0')}`,
			kind: 'family',
			moveIn: '',
			moveOut: ''
		})
	});
	await res.text();
	if (!res.ok) throw new Error(`edit ${res.status}`);
	return (nowUs() - t) / 1000;
}

/** @param {{ units?: number, residents?: number, edits?: number }} o */
export async function run({ units = 5000, residents = 10_000, edits = 20 } = {}) {
	const dataDir = tempDir('import');
	const server = await startFoyer({ dataDir });
	try {
		await waitHealthy(server.url);
		const cookie = await login(server.url);
		const baseline = [];
		for (let i = 0; i < edits; i++) baseline.push(await edit(server.url, cookie, i));

		const unitRows = Array.from({ length: units }, (_, i) => [
			String(101 + Math.floor(i / 500)),
			String(1 + (Math.floor(i / 250) % 2)),
			String(1000 + (i % 250)),
			`${60 + (i % 90)}.25`,
			'住宅',
			'已入住'
		]);
		console.error(`  import: ${units} units …`);
		const u = await importFile(
			server.url,
			cookie,
			'units',
			await workbook(['楼栋', '单元', '房间号', '面积', '用途', '状态'], unitRows)
		);
		const residentRows = Array.from({ length: residents }, (_, i) => {
			const unit = unitRows[i % units];
			return [
				`${unit[0]}-${unit[1]}-${unit[2]}`,
				`住户${i}`,
				`137${String(i).padStart(8, '0')}`,
				'业主',
				'2024/3/1'
			];
		});
		console.error(`  import: ${residents} residents …`);
		const r = await importFile(
			server.url,
			cookie,
			'residents',
			await workbook(['房号', '姓名', '手机号', '身份', '入住日期'], residentRows)
		);
		const peak = memoryOf(server.pid).hwmMb;
		const large = [];
		for (let i = 0; i < edits; i++) large.push(await edit(server.url, cookie, 1000 + i));
		return { units: u, residents: r, peakRssMb: peak, edit: { baseline, large } };
	} finally {
		await server.stop();
		removeDir(dataDir);
	}
}

/** @param {any} r */
export function report(r) {
	printTable(
		'(e) Import through /desk/site/import (one .xlsx per kind)',
		['file', 'rows', 'MB', 'preview ms', 'confirm ms', 'total s'],
		[r.units, r.residents].map((x, i) => [
			i === 0 ? 'units' : 'residents',
			x.rows,
			x.mb.toFixed(2),
			ms(x.previewMs),
			ms(x.confirmMs),
			((x.previewMs + x.confirmMs) / 1000).toFixed(1)
		])
	);
	const b = summarize(r.edit.baseline);
	const l = summarize(r.edit.large);
	printTable(
		`Peak RSS ${r.peakRssMb.toFixed(0)} MB. One resident added at the desk (the whole site document rewritten)`,
		['site', 'p50 ms', 'p95 ms'],
		[
			['demo (200 units) — baseline', ms(b.p50), ms(b.p95)],
			['+5,000 units, +10,000 residents', ms(l.p50), ms(l.p95)]
		]
	);
}

/** @param {any} r */
export function targets(r) {
	const total = (r.residents.previewMs + r.residents.confirmMs) / 1000;
	return [
		{
			target: 'import 10,000 residents < 10 s',
			measured: `${total.toFixed(1)} s`,
			met: total < 10
		},
		{
			target: 'import peak RSS ≤ 400 MB',
			measured: `${r.peakRssMb.toFixed(0)} MB`,
			met: r.peakRssMb <= 400
		}
	];
}
