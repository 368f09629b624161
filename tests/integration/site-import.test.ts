import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentView } from '../../src/lib/domain/payment';
import {
	demoStaffPassword,
	login,
	removeDir,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer();
	admin = await login(server);
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

interface Preview {
	token: string;
	rows: number;
	add: number;
	update: number;
	unchanged: number;
	errorCount: number;
	errors: { row: number; column: string; message: string }[];
}
type Problem = { error: { key: string; message: string } };

/** A workbook of one sheet: headers then rows. */
async function xlsx(headers: string[], rows: (string | number | Date)[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('导入');
	ws.addRow(headers);
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads a file as the desk's import page does (multipart), in `lang`. */
async function upload(
	kind: string,
	bytes: Uint8Array,
	name: string,
	cookie = admin,
	lang = 'zh-CN'
) {
	const form = new FormData();
	form.set('kind', kind);
	form.set('file', new File([new Uint8Array(bytes)], name));
	const res = await fetch(`${server.url}/desk/site/import/preview`, {
		method: 'POST',
		headers: { origin: server.url, cookie: `${cookie}; foyer_lang=${lang}` },
		body: form
	});
	return { status: res.status, body: (await res.json()) as Preview & Problem };
}

async function confirm(token: string) {
	const res = await fetch(`${server.url}/desk/site/import/${token}/confirm`, {
		method: 'POST',
		headers: { origin: server.url, cookie: admin },
		body: new FormData()
	});
	return {
		status: res.status,
		body: (await res.json()) as { add: number; update: number } & Problem
	};
}

/** Preview then confirm; the preview must be clean. */
async function importFile(kind: string, bytes: Uint8Array, name = `${kind}.xlsx`) {
	const p = await upload(kind, bytes, name);
	expect(p.status).toBe(200);
	expect(p.body.errors).toEqual([]);
	const c = await confirm(p.body.token);
	expect(c.status).toBe(200);
	return p.body;
}

const UNITS = 2000;
/** Buildings 11–20, 2 entrances, 10 floors, 10 rooms a floor: 2,000 units the demo lacks. */
function unitRows(): string[][] {
	const rows: string[][] = [];
	for (let i = 0; i < UNITS; i++) {
		const b = 11 + Math.floor(i / 200);
		const e = 1 + (Math.floor(i / 100) % 2);
		const room = `${1 + Math.floor((i % 100) / 10)}${String(1 + (i % 10)).padStart(2, '0')}`;
		rows.push([String(b), String(e), room, `${80 + (i % 40)}.50`, '住宅', '已入住']);
	}
	return rows;
}
const unitIdOf = (r: string[]) => `${r[0]}-${r[1]}-${r[2]}`;
const phoneOf = (i: number) => `139${String(10_000_000 + i).padStart(8, '0')}`;

describe('importing site records at the desk', () => {
	const units = unitRows();

	it('imports 2,000 units and 4,000 residents; the kiosk identifies one and pays a carried-over balance', async () => {
		const u = await importFile(
			'units',
			await xlsx(['楼栋*', '单元*', '房间号*', '面积*', '用途', '状态'], units)
		);
		expect(u).toMatchObject({ rows: UNITS, add: UNITS, update: 0, unchanged: 0 });

		// English headers are accepted too; two residents a unit (owner and family member).
		const residents = units.flatMap((r, i) => [
			[unitIdOf(r), `业主${i}`, phoneOf(2 * i), 'Owner', '2024/3/1'],
			[unitIdOf(r), `家属${i}`, phoneOf(2 * i + 1), 'Family member', '2024年3月1日']
		]);
		const started = Date.now();
		const res = await importFile(
			'residents',
			await xlsx(['Unit', 'Name', 'Phones', 'Relation', 'Move-in date'], residents)
		);
		expect(res).toMatchObject({ rows: 4000, add: 4000 });
		expect(Date.now() - started).toBeLessThan(30_000);

		const unit = unitIdOf(units[123]!);
		const bal = await importFile(
			'balances',
			await xlsx(['房号', '账期', '项目', '欠费金额'], [[unit, '2026-09', '物业服务费', '356.80']])
		);
		expect(bal.add).toBe(1);

		const post = (path: string, body: unknown) =>
			fetch(`${server.url}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify(body)
			}).then(async (r) => ({ status: r.status, body: (await r.json()) as never }));
		const [building, entrance, room] = unit.split('-');
		const id: { status: number; body: { visit: { token: string } } } = await post(
			'/api/kiosk/identify',
			{ building, entrance, room, phoneTail: phoneOf(2 * 123 + 1).slice(-4) }
		);
		expect(id.status).toBe(200);
		const visit = id.body.visit.token;
		const bills: { body: { bills: { id: string; amountFen: number; name: string }[] } } =
			await post('/api/kiosk/bills', { visit });
		expect(bills.body.bills).toEqual([
			expect.objectContaining({ amountFen: 35680, name: '物业服务费' })
		]);
		const pay: { status: number; body: { intent: IntentView } } = await post('/api/kiosk/pay', {
			visit,
			billIds: bills.body.bills.map((b) => b.id)
		});
		expect(pay.status).toBe(201);
		const phone = await fetch(pay.body.intent.qrPayload!, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			body: ''
		});
		expect(phone.status).toBe(200);
		await expect
			.poll(
				async () =>
					((await post('/api/kiosk/bills', { visit })) as { body: { bills: [] } }).body.bills
			)
			.toEqual([]);
	}, 120_000);

	it('changes nothing when the same files are imported again', async () => {
		const before = readFileSync(join(server.dataDir, 'site.json'), 'utf8');
		const p = await upload(
			'units',
			await xlsx(['楼栋*', '单元*', '房间号*', '面积*', '用途', '状态'], units),
			'units.xlsx'
		);
		expect(p.body).toMatchObject({ add: 0, update: 0, unchanged: UNITS, errorCount: 0 });
		expect((await confirm(p.body.token)).body).toMatchObject({ add: 0, update: 0 });
		expect(readFileSync(join(server.dataDir, 'site.json'), 'utf8')).toBe(before);
	});

	it('reads a GBK CSV as Chinese Excel saves it', async () => {
		const csv = '房号,姓名,手机号,身份\r\n11-1-101,王芳,13700000001,租户\r\n';
		const p = await upload('residents', iconv.encode(csv, 'gbk'), '住户.csv');
		expect(p.status).toBe(200);
		expect(p.body).toMatchObject({ rows: 1, add: 1, errorCount: 0 });
		const utf8 = await upload('residents', Buffer.from('\uFEFF' + csv, 'utf8'), 'r.csv');
		expect(utf8.body).toMatchObject({ rows: 1, add: 1, errorCount: 0 });
	});
});

describe('meter readings', () => {
	/** The kiosk's unpaid bills of the first imported unit, as its owner sees them. */
	async function kioskBills(): Promise<{ name: string; amountFen: number; period: string }[]> {
		const post = async (path: string, body: unknown) =>
			(await (
				await fetch(`${server.url}${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: server.url },
					body: JSON.stringify(body)
				})
			).json()) as never;
		const id: { visit: { token: string } } = await post('/api/kiosk/identify', {
			building: '11',
			entrance: '1',
			room: '101',
			phoneTail: phoneOf(0).slice(-4)
		});
		const res: { bills: { name: string; amountFen: number; period: string }[] } = await post(
			'/api/kiosk/bills',
			{ visit: id.visit.token }
		);
		return res.bills;
	}

	it('imports readings (unit + meter + period), re-imports as unchanged, and the bill run uses them', async () => {
		// The demo's metered standard 公区水费 at ¥4.10; the meter names it (Chinese or English).
		const file = await xlsx(
			['房号*', '表计*', '账期*', '用量*'],
			[
				['11-1-101', '公区水费', '2026-11', '12.5'],
				['11-1-102', '公区水费', '2026-11', '3'],
				['11-1-103', '燃气费', '2026-11', '1'],
				['11-1-104', '公区水费', '2026-11', '-2']
			]
		);
		const bad = await upload('readings', file, 'readings.xlsx');
		expect(bad.body).toMatchObject({ rows: 4, add: 2, errorCount: 2 });
		expect(bad.body.errors).toEqual([
			expect.objectContaining({
				row: 4,
				column: '表计',
				message: expect.stringContaining('燃气费')
			}),
			expect.objectContaining({ row: 5, column: '用量' })
		]);

		const good = await xlsx(
			['Unit', 'Meter', 'Period', 'Usage'],
			[
				['11-1-101', '公区水费', '2026-11', '12.5'],
				['11-1-102', '公区水费', '2026-11', '3']
			]
		);
		expect(await importFile('readings', good, 'readings.xlsx')).toMatchObject({ add: 2 });
		const before = readFileSync(join(server.dataDir, 'site.json'), 'utf8');
		const again = await upload('readings', good, 'readings.xlsx');
		expect(again.body).toMatchObject({ add: 0, update: 0, unchanged: 2, errorCount: 0 });
		await confirm(again.body.token);
		expect(readFileSync(join(server.dataDir, 'site.json'), 'utf8')).toBe(before);

		// The desk's bill run with no readings typed: the imported ones are billed.
		const run = await fetch(`${server.url}/desk/billing?/run`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie: admin,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ period: '2026-11', standardIds: 'water', readings: '' })
		});
		expect(((await run.json()) as { type: string }).type).toBe('success');
		expect(await kioskBills()).toContainEqual(
			expect.objectContaining({ name: '公区水费', period: '2026-11', amountFen: 5125 })
		);
	});
});

describe('exports through the real server', () => {
	/** An export as the desk's download link fetches it. */
	const download = (kind: string, format: string, cookie = admin) =>
		fetch(`${server.url}/desk/site/export/${kind}?format=${format}`, {
			headers: { cookie: `${cookie}; foyer_lang=zh-CN` }
		});

	/** The first sheet of an xlsx download, row by row (cell values as exceljs reads them). */
	async function sheetRows(res: Response): Promise<unknown[][]> {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(new Uint8Array(await res.arrayBuffer()) as never);
		const rows: unknown[][] = [];
		wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
		return rows;
	}

	it('downloads the ledger and the residents as xlsx and csv for an admin; the front desk is refused', async () => {
		// The carried-over ¥356.80 paid at the kiosk in the first test is in today's ledger.
		const ledger = await download('ledger', 'xlsx');
		expect(ledger.status).toBe(200);
		expect(ledger.headers.get('content-disposition')).toContain('.xlsx');
		const ledgerRows = await sheetRows(ledger);
		expect(ledgerRows[0]).toContain('金额（元）');
		expect(ledgerRows.slice(1).some((r) => r.includes(356.8))).toBe(true);
		const ledgerCsv = await download('ledger', 'csv');
		expect(ledgerCsv.status).toBe(200);
		expect(await ledgerCsv.text()).toContain('356.80');

		const residents = await sheetRows(await download('residents', 'xlsx'));
		expect(residents[0]).toEqual(
			expect.arrayContaining(['楼栋', '单元', '房号', '姓名', '手机号', '用途', '状态'])
		);
		expect(residents.some((r) => r.includes(phoneOf(0)) && r.includes('业主0'))).toBe(true);
		// Read as bytes: Response.text() would drop the BOM that makes Excel read it as UTF-8.
		const bytes = Buffer.from(await (await download('residents', 'csv')).arrayBuffer());
		const csv = bytes.toString('utf8');
		expect(csv.startsWith('\uFEFF楼栋,单元,房号')).toBe(true);
		expect(csv).toContain(phoneOf(1));

		const frontdesk = await login(server, 'frontdesk', demoStaffPassword(server));
		for (const kind of ['residents', 'ledger']) {
			const refused = await download(kind, 'xlsx', frontdesk);
			expect(refused.status).toBe(403);
			expect(((await refused.json()) as Problem).error.key).toBe('error.forbidden');
		}
	});

	it('imports its own units and residents export back without changing anything', async () => {
		const rows = await sheetRows(await download('residents', 'xlsx'));
		const [head, ...body] = rows as string[][];
		const at = (name: string) => head!.indexOf(name);
		const cell = (r: unknown[], name: string) => {
			const v = r[at(name)];
			return v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? '' : String(v);
		};
		// The export's columns under the import's headings (a person renames them in Excel).
		const unitFile = await xlsx(
			['楼栋', '单元', '房间号', '面积', '用途', '状态'],
			[
				...new Map(
					body.map((r) => [
						`${cell(r, '楼栋')}-${cell(r, '单元')}-${cell(r, '房号')}`,
						[
							cell(r, '楼栋'),
							cell(r, '单元'),
							cell(r, '房号'),
							cell(r, '面积（m²）'),
							cell(r, '用途'),
							cell(r, '状态')
						]
					])
				).values()
			]
		);
		const residentFile = await xlsx(
			['房号', '姓名', '手机号', '身份', '入住日期', '迁出日期'],
			body
				.filter((r) => cell(r, '姓名'))
				.map((r) => [
					`${unitOf(cell(r, '楼栋'))}-${cell(r, '单元')}-${cell(r, '房号')}`,
					cell(r, '姓名'),
					cell(r, '手机号'),
					cell(r, '身份'),
					cell(r, '入住日期'),
					cell(r, '迁出日期')
				])
		);
		const before = readFileSync(join(server.dataDir, 'site.json'), 'utf8');
		const units = await upload('units', unitFile, 'units.xlsx');
		expect(units.body.errors).toEqual([]);
		expect(units.body).toMatchObject({ add: 0, update: 0, errorCount: 0 });
		expect(units.body.unchanged).toBeGreaterThan(UNITS);
		const residents = await upload('residents', residentFile, 'residents.xlsx');
		expect(residents.body.errors).toEqual([]);
		expect(residents.body).toMatchObject({ add: 0, update: 0, errorCount: 0 });
		expect(residents.body.unchanged).toBeGreaterThan(2 * UNITS);
		await confirm(units.body.token);
		await confirm(residents.body.token);
		expect(readFileSync(join(server.dataDir, 'site.json'), 'utf8')).toBe(before);
	});
});

/** A building's code from the name an export writes (the demo's 3栋 is building 3). */
function unitOf(building: string): string {
	codes ??= new Map(
		(
			JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
				buildings: { id: string; name: string }[];
			}
		).buildings.map((b) => [b.name, b.id])
	);
	return codes.get(building) ?? building;
}
let codes: Map<string, string> | undefined;

describe('bad input is refused with a specific message and nothing is stored', () => {
	const siteBefore = () => readFileSync(join(server.dataDir, 'site.json'), 'utf8');

	it('says which row, column and why; duplicates, bad phones, text dates, formulas', async () => {
		const before = siteBefore();
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('s');
		ws.addRow(['房号', '姓名', '手机号', '身份', '入住日期']);
		ws.addRow(['1-1-101', '甲', '13800000000', '业主', '2024-03-01']);
		ws.addRow(['1-1-101', '乙', '13800000000', '业主', '']);
		ws.addRow(['1-1-102', '丙', '1380000', '业主', '']);
		ws.addRow(['1-1-103', '丁', '13800000002', '业主', '下个月']);
		ws.addRow(['1-1-104', '戊', { formula: '"1380000"&"0003"' }, '业主', '']);
		ws.addRow(['99-9-999', '己', '13800000004', '业主', '']);
		const p = await upload('residents', Buffer.from(await wb.xlsx.writeBuffer()), 'r.xlsx');
		expect(p.status).toBe(200);
		expect(p.body.errors).toEqual([
			{ row: 3, column: '房号', message: '与第 2 行重复' },
			{ row: 4, column: '手机号', message: '手机号应为 11 位数字，以 1 开头' },
			{ row: 5, column: '入住日期', message: expect.stringContaining('日期无法识别') },
			{ row: 6, column: '手机号', message: expect.stringContaining('C6 是公式') },
			{ row: 7, column: '房号', message: '房号 99-9-999 不存在' }
		]);
		const c = await confirm(p.body.token);
		expect(c.status).toBe(409);
		expect(c.body.error.key).toBe('error.importHasErrors');
		expect(siteBefore()).toBe(before);

		// The rows in error come back as a workbook with a reason column.
		const res = await fetch(`${server.url}/desk/site/import/${p.body.token}/errors`, {
			headers: { cookie: admin }
		});
		expect(res.status).toBe(200);
		const back = new ExcelJS.Workbook();
		await back.xlsx.load(await res.arrayBuffer());
		const sheet = back.worksheets[0]!;
		expect(sheet.rowCount).toBe(6);
		expect(String(sheet.getRow(1).getCell(6).value)).toBe('错误原因');
	});

	it('refuses files that cannot be imported as a whole, in the staff’s language', async () => {
		const cases: [string, Uint8Array, string, string][] = [
			[
				'r.xls',
				Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
				'error.importXls',
				'units'
			],
			['r.xlsx', Buffer.from('just text renamed'), 'error.importNotXlsx', 'units'],
			['r.csv', Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'error.importEncoding', 'units'],
			[
				'r.csv',
				iconv.encode('房号,姓名,手机号\r\n1-1-101,王芳,13700000001\r\n', 'big5'),
				'error.importEncoding',
				'residents'
			],
			[
				'r.csv',
				Buffer.from('房号,姓名,电话号码\r\n1-1-101,王芳,13700000001\r\n'),
				'error.importUnknownColumn',
				'residents'
			],
			[
				'r.csv',
				Buffer.from('房号,姓名\r\n1-1-101,王芳\r\n'),
				'error.importMissingColumn',
				'residents'
			],
			['r.pdf', Buffer.from('%PDF-1.4'), 'error.importFileType', 'units']
		];
		for (const [name, bytes, key, kind] of cases) {
			const p = await upload(kind, bytes, name);
			expect(p.status, `${name} ${key}`).toBe(400);
			expect(p.body.error.key, name).toBe(key);
		}
		const en = await upload('units', cases[0]![1], 'r.xls', admin, 'en');
		expect(en.body.error.message).toContain('Save as .xlsx');
	});

	it('refuses merged header cells', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('s');
		ws.addRow(['房屋信息', '', '', '面积']);
		ws.mergeCells('A1:C1');
		ws.addRow(['1', '1', '101', '80']);
		const p = await upload('units', Buffer.from(await wb.xlsx.writeBuffer()), 'u.xlsx');
		expect(p.body.error).toMatchObject({ key: 'error.importMerged' });
		expect(p.body.error.message).toContain('A1:C1');
	});

	it('refuses a 50 MB file before reading it', async () => {
		const big = Buffer.alloc(50 * 1024 ** 2, 0x41);
		const p = await fetch(`${server.url}/desk/site/import/preview`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie: admin,
				'content-type': 'multipart/form-data; boundary=x'
			},
			body: big
		});
		expect(p.status).toBe(413);
	});

	it('refuses an import by the front desk (it may edit residents, not import)', async () => {
		const frontdesk = await login(server, 'frontdesk', demoStaffPassword(server));
		const p = await upload('units', Buffer.from('a,b\r\n1,2\r\n'), 'u.csv', frontdesk);
		expect(p.status).toBe(403);
		expect(p.body.error.key).toBe('error.forbidden');
	});
});
