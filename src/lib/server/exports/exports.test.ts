import { buffer, text } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { emptySite } from '$lib/domain/site';
import { ManualClock } from '$lib/domain/time';
import type { LedgerEntry } from '$lib/domain/fees';
import { ExportService } from './exports';
import type { ExportSources } from './tables';

const site = {
	...emptySite(),
	name: '翠湖花园',
	buildings: [{ id: '3', name: '3栋', entrances: 2, floors: 18 }],
	units: [
		{
			id: 'u1',
			building: '3',
			entrance: '2',
			room: '1001',
			areaCentiM2: 8950,
			use: 'residential' as const,
			state: 'occupied' as const
		}
	],
	residents: [
		{
			id: 'r1',
			unitId: 'u1',
			name: '张三',
			phone: '13800138000',
			otherPhones: ['13900139000'],
			kind: 'owner' as const,
			moveIn: '2024-03-01',
			moveOut: null
		}
	]
};
const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
	id: 'e1',
	at: '2026-11-26T06:05:00.000Z',
	kind: 'payment',
	day: '2026-11-26',
	unitId: 'u1',
	method: 'cash',
	amountFen: 123456,
	allocations: [],
	tenderedFen: null,
	changeFen: null,
	receiptYear: 2026,
	receiptSeq: 7,
	cashierId: 's1',
	cashierName: '收银 李静',
	intentId: null,
	provider: null,
	providerTxnId: null,
	voidOf: null,
	reason: null,
	ticketId: null,
	receiptToken: null,
	...over
});
const ledger = [
	entry({}),
	entry({ id: 'e2', kind: 'void', voidOf: 'e1', receiptSeq: null, reason: '收错' }),
	entry({ id: 'e3', day: '2026-12-01', at: '2026-12-01T02:00:00.000Z' })
];
const audited: unknown[][] = [];
const service = new ExportService({
	clock: new ManualClock('2026-12-03T02:00:00Z'),
	site: { site },
	fees: {
		*ledgerBetween(from: string, to: string) {
			for (const e of ledger) if (e.day >= from && e.day <= to) yield e;
		},
		entry: (id: string) => ledger.find((e) => e.id === id),
		allBalances: () => []
	},
	audit: { record: async (...a: unknown[]) => void audited.push(a) }
} as unknown as ExportSources & ConstructorParameters<typeof ExportService>[0]);

const ADMIN = { id: 's0', username: 'admin', displayName: '管理员', roles: ['admin' as const] };
const MANAGER = { id: 's9', username: 'manager', displayName: '经理', roles: ['manager' as const] };
const FRONT = {
	id: 's2',
	username: 'frontdesk',
	displayName: '前台',
	roles: ['frontdesk' as const]
};

async function workbook(body: import('node:stream').Readable): Promise<ExcelJS.Worksheet> {
	const wb = new ExcelJS.Workbook();
	const bytes = await buffer(body);
	await wb.xlsx.load(
		bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer
	);
	return wb.worksheets[0]!;
}

describe('exports', () => {
	it('the ledger as xlsx: headers in Chinese, yuan as numbers with 0.00, real dates, voids negative', async () => {
		const file = await service.open(
			MANAGER,
			{ kind: 'ledger', format: 'xlsx', from: '2026-11-01', to: '2026-11-30' },
			'zh-CN'
		);
		expect(file.filename).toBe('收费流水-2026-11-01_2026-11-30.xlsx');
		const ws = await workbook(file.body);
		expect(ws.getRow(1).values).toEqual([
			undefined,
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
		]);
		expect(ws.rowCount).toBe(3); // the December payment is outside the range
		const pay = ws.getRow(2);
		expect(pay.getCell(1).value).toEqual(new Date('2026-11-26T00:00:00Z'));
		expect(pay.getCell(1).numFmt).toBe('yyyy-mm-dd');
		// 06:05 UTC is 14:05 in Shanghai: the sheet shows the site's wall clock.
		expect(pay.getCell(2).value).toEqual(new Date('2026-11-26T14:05:00Z'));
		expect(pay.getCell(6).value).toBe('2026-000007');
		expect(pay.getCell(7).value).toBe('3栋');
		expect(pay.getCell(10).value).toBe(1234.56);
		expect(pay.getCell(10).numFmt).toBe('0.00');
		const cancelled = ws.getRow(3);
		expect(cancelled.getCell(3).value).toBe('作废');
		expect(cancelled.getCell(6).value).toBe('2026-000007');
		expect(cancelled.getCell(10).value).toBe(-1234.56);
	});

	it('units and residents as CSV: UTF-8 with a BOM, English headers, area with two decimals', async () => {
		const file = await service.open(ADMIN, { kind: 'residents', format: 'csv' }, 'en');
		const csv = await text(file.body);
		expect(
			csv.startsWith(
				'\uFEFFBuilding,Entrance,Room,Area (m²),Name,Role,Phone,Use,State,Move-in date,Move-out date\r\n'
			)
		).toBe(true);
		// Every phone, use, state and dates: what the imports take, so it imports back unchanged.
		expect(csv).toContain(
			'3栋,2,1001,89.50,张三,owner,"13800138000,13900139000",Residential,Occupied,2024-03-01,\r\n'
		);
	});

	it('refuses personal data to the front desk, lets it see none of the kinds, and audits every export', async () => {
		await expect(
			service.open(FRONT, { kind: 'residents', format: 'xlsx' }, 'zh-CN')
		).rejects.toMatchObject({
			status: 403
		});
		expect(service.kindsFor(FRONT)).toEqual([]);
		expect(service.kindsFor(MANAGER)).toContain('residents');
		audited.length = 0;
		await service.open(
			MANAGER,
			{ kind: 'ledger', format: 'csv', from: '2026-11-01', to: '2026-11-30' },
			'en'
		);
		expect(audited).toEqual([
			[
				{ id: 's9', username: 'manager' },
				'data.exported',
				'ledger',
				{ format: 'csv', from: '2026-11-01', to: '2026-11-30', personal: false }
			]
		]);
		await expect(
			service.open(
				MANAGER,
				{ kind: 'ledger', format: 'csv', from: '2026-12-01', to: '2026-11-01' },
				'en'
			)
		).rejects.toMatchObject({ key: 'error.exportRange' });
	});
});
