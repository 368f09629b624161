import { describe, expect, it } from 'vitest';
import { formatFen } from '$lib/domain/money';
import { decodeReceipt } from '../printing/decode';
import { layoutDocument, printDocumentSchema, type PrintDocument } from '../printing/document';
import { render } from '../printing/escpos';
import { PAPER_COLUMNS, displayWidth, type Paper } from '../printing/layout';
import {
	receiptDocument,
	voidSlipDocument,
	zReportDocument,
	type FeeReceipt,
	type VoidSlip,
	type ZReport
} from './receipt-documents';

const PAPERS = [58, 80] as const;
const LONG_NAME = '公共区域电梯运行维护费分摊 2026年11月';
const E_RECEIPT = 'http://192.168.1.10:3000/r/k3J9xQ2mVb8wTz1a';
const RATING = 'http://192.168.1.10:3000/rate/k3J9xQ2mVb8wTz1a';

const receipt: FeeReceipt = {
	site: '阳光花园物业服务中心',
	title: '收款收据',
	copyMark: '重打 REPRINT',
	receiptNo: { label: '收据号', value: '2026-000123' },
	paidAt: { label: '收款时间', value: '2026-11-26 09:41' },
	unit: { label: '房号', value: '3栋2单元1201' },
	payer: { label: '交款人', value: '张**' },
	cashier: { label: '收银员', value: '李娜' },
	method: { label: '支付方式', value: '现金 Cash' },
	lines: [
		{ name: '物业服务费 2026年11月', detail: '89.50㎡ × ￥2.50', amountFen: 22375 },
		{ name: LONG_NAME, detail: '89.50㎡ × ￥0.30', amountFen: 2685 },
		{ name: 'Parking 车位管理费 B2-017', amountFen: 123456 }
	],
	total: { label: '合计', fen: 148516 },
	cash: { tendered: { label: '实收', fen: 150000 }, change: { label: '找零', fen: 1484 } },
	eReceipt: { url: E_RECEIPT, caption: '扫码查看电子收据' },
	rating: { url: RATING, caption: '扫码评价本次服务' },
	footer: ['本收据为缴费凭证，请妥善保管。', 'Thank you!']
};

const REASON =
	'收银员录入金额错误，住户当场要求作废并重新收款，已核对现金无误 (wrong amount keyed)';
const slip: VoidSlip = {
	site: '阳光花园物业服务中心',
	title: '作废凭证',
	original: { label: '原收据号', value: '2026-000123' },
	unit: { label: '房号', value: '3栋2单元1201' },
	amount: { label: '作废金额', fen: 148516 },
	reason: { label: '原因', value: REASON },
	approvedBy: { label: '批准人', value: '王经理' },
	at: { label: '时间', value: '2026-11-26 10:02' },
	signatures: ['经办人签字：'],
	footer: ['原收据同时作废']
};

const zReport: ZReport = {
	site: '阳光花园物业服务中心',
	title: '日结报表 Z',
	cashier: { label: '收银员', value: '李娜' },
	businessDay: { label: '营业日', value: '2026-11-26' },
	closedAt: { label: '结账时间', value: '2026-11-26 18:05' },
	headings: { label: '收款方式', count: '笔数', total: '金额' },
	methods: [
		{ label: '现金', count: 12, totalFen: 456000 },
		{ label: '银行卡', count: 3, totalFen: 1234500 },
		{ label: '扫码支付 WeChat/Alipay', count: 27, totalFen: 9876543 }
	],
	voids: { label: '作废', count: 1, totalFen: 148516 },
	refunds: { label: '退款', count: 0, totalFen: 0 },
	net: { label: '净收款', fen: 11418527 },
	expectedCash: { label: '应有现金', fen: 307484 },
	receiptRange: { label: '收据号段', first: '2026-000101', last: '2026-000143' },
	receiptCount: { label: '收据张数', count: 43 },
	signatures: ['收银员签字：', '主管签字：']
};

const documents: [string, PrintDocument][] = [
	['receipt', receiptDocument(receipt)],
	['void slip', voidSlipDocument(slip)],
	['Z-report', zReportDocument(zReport)]
];

/** The text lines of a document laid out on a paper. */
function textLines(doc: PrintDocument, paper: Paper) {
	return layoutDocument(doc, { paper }).lines.flatMap((l) => (l.type === 'text' ? [l] : []));
}

describe.each(PAPERS)('on %i mm paper', (paper) => {
	const cols = PAPER_COLUMNS[paper];

	it.each(documents)('keeps every line of the %s within the paper', (_, doc) => {
		for (const l of textLines(doc, paper)) {
			expect(displayWidth(l.text)).toBeLessThanOrEqual(l.cols);
			expect(displayWidth(l.text) * l.size).toBeLessThanOrEqual(cols);
		}
	});

	it('puts item amounts flush right and wraps a name too long for the line onto the next', () => {
		expect(displayWidth(LONG_NAME)).toBeGreaterThan(PAPER_COLUMNS[58]);
		const lines = textLines(receiptDocument(receipt), paper).map((l) => l.text);
		for (const item of receipt.lines) {
			const i = lines.findIndex((l) => l.endsWith(formatFen(item.amountFen)));
			expect(lines[i]!.startsWith(item.name.slice(0, 4))).toBe(true);
			expect(displayWidth(lines[i]!)).toBe(cols);
		}
		const i = lines.findIndex((l) => l.startsWith('公共区域'));
		if (paper === 58) {
			expect(lines[i]).not.toContain('11月');
			expect(lines[i + 1]).toContain('11月');
		}
		expect(lines.slice(i + 1).find((l) => l.includes('㎡'))).toMatch(/^ {2}89\.50㎡ × ￥0\.30/);
	});

	it('prints the total bold at double size with the amount at the end of its line', () => {
		const total = textLines(receiptDocument(receipt), paper).find((l) =>
			l.text.includes(formatFen(receipt.total.fen))
		);
		expect(total).toMatchObject({ bold: true, size: 2 });
		expect(total!.text.startsWith('合计')).toBe(true);
		expect(total!.text.endsWith(formatFen(receipt.total.fen))).toBe(true);
		expect(displayWidth(total!.text)).toBe(PAPER_COLUMNS[58] / 2); // fills 58 mm exactly
	});

	it('puts every Z-report figure flush right, the method label wrapping in its cell', () => {
		const lines = textLines(zReportDocument(zReport), paper).map((l) => l.text);
		const rows = [...zReport.methods, zReport.voids, zReport.refunds];
		for (const r of rows) {
			const line = lines.find((l) => l.startsWith(r.label.slice(0, 2)))!;
			const amount = formatFen(r.totalFen);
			expect(line.endsWith(amount)).toBe(true);
			expect(line.slice(0, -amount.length).trimEnd().endsWith(String(r.count))).toBe(true);
			expect(displayWidth(line)).toBe(cols);
		}
		if (paper === 58) {
			const i = lines.findIndex((l) => l.startsWith('扫码支付'));
			expect(lines[i]).not.toContain('Alipay');
			expect(lines[i + 1]).toContain('Alipay');
		}
		for (const a of [zReport.net, zReport.expectedCash]) {
			expect(lines).toContainEqual(expect.stringMatching(`^${a.label} +${formatFen(a.fen)}$`));
		}
	});

	it.each(documents)('reads the %s back from its bytes line for line as laid out', (_, doc) => {
		const decoded = decodeReceipt(render(doc, { paper }));
		const printed = decoded.lines.map((l) => l.text.trimEnd()).filter((t) => t !== '');
		const shown = textLines(doc, paper)
			.map((l) => l.text.trimEnd())
			.filter((t) => t !== '');
		expect(printed).toEqual(shown);
		expect(decoded.cuts).toBe(1);
		expect(decoded.unknown).toBe(0);
	});

	it('prints the receipt number, unit, total, reprint mark and both QR codes', () => {
		const decoded = decodeReceipt(render(receiptDocument(receipt), { paper }));
		expect(decoded.text).toContain('2026-000123');
		expect(decoded.text).toContain('3栋2单元1201');
		expect(decoded.text).toContain('￥1,485.16');
		expect(decoded.text).toContain('找零');
		expect(decoded.qr).toEqual([E_RECEIPT, RATING]);
		const marks = decoded.lines.filter((l) => l.text === '重打 REPRINT');
		expect(marks).toHaveLength(2);
		expect(marks[0]).toMatchObject({ bold: true, size: 2, align: 'center' });
		const title = decoded.lines.findIndex((l) => l.text === '收款收据');
		expect(decoded.lines[title + 1]!.text).toBe('重打 REPRINT'); // right under the title
	});

	it('prints a long void reason whole, wrapped under its label', () => {
		const decoded = decodeReceipt(render(voidSlipDocument(slip), { paper }));
		const joined = decoded.lines.map((l) => l.text.replaceAll(' ', '')).join('');
		expect(joined).toContain(REASON.replaceAll(' ', ''));
		expect(decoded.text).toContain('2026-000123');
		expect(decoded.text).toContain('￥1,485.16');
		expect(decoded.text).toContain('王经理');
	});

	it('prints the receipt range, the count and lines to sign on in the Z-report', () => {
		const text = decodeReceipt(render(zReportDocument(zReport), { paper })).text;
		expect(text).toContain('2026-000101 ~ 2026-000143');
		expect(text).toMatch(/收据张数 +43/);
		expect(text).toMatch(/收银员签字：_{8,}/);
		expect(text).toMatch(/主管签字：_{8,}/);
	});
});

describe('fee documents', () => {
	it('print ￥ full width, in GBK, and never the half-width ¥', () => {
		for (const [, doc] of documents) {
			const bytes = render(doc, { paper: 58 });
			expect(bytes.indexOf(Buffer.from([0xa3, 0xa4]))).toBeGreaterThan(0); // ￥ in GBK
			expect(decodeReceipt(bytes).text).not.toContain('¥');
			expect(JSON.stringify(doc)).not.toContain('¥');
		}
	});

	it('are valid print documents (what a print job stores)', () => {
		for (const [, doc] of documents) expect(printDocumentSchema.parse(doc)).toEqual(doc);
	});

	it('refuse a QR link that is not ASCII', () => {
		const eReceipt = { url: 'http://192.168.1.10:3000/收据/1', caption: '电子收据' };
		expect(() => receiptDocument({ ...receipt, eReceipt })).toThrow(RangeError);
		const rating = { url: 'http://x/r/１', caption: '评价' };
		expect(() => receiptDocument({ ...receipt, rating })).toThrow(RangeError);
	});

	it('refuse a receipt whose lines do not add up to its total', () => {
		expect(() => receiptDocument({ ...receipt, total: { label: '合计', fen: 148515 } })).toThrow(
			RangeError
		);
	});

	it('print a receipt without a copy mark, payer, cash or QR codes', () => {
		const plain = receiptDocument({
			...receipt,
			copyMark: undefined,
			payer: undefined,
			cash: undefined,
			eReceipt: undefined,
			rating: undefined,
			footer: undefined
		});
		const decoded = decodeReceipt(render(plain, { paper: 58 }));
		expect(decoded.text).not.toContain('REPRINT');
		expect(decoded.text).not.toContain('找零');
		expect(decoded.qr).toEqual([]);
		expect(decoded.cuts).toBe(1);
	});

	it('put a total too wide for a double-size line under its label instead', () => {
		const label = '本次实收金额合计 Total paid';
		const lines = textLines(
			receiptDocument({ ...receipt, total: { label, fen: receipt.total.fen } }),
			58
		);
		const i = lines.findIndex((l) => l.text === label);
		expect(lines[i + 1]).toMatchObject({ text: '￥1,485.16', size: 2, align: 'right' });
	});

	it('never cut a long value, even on a printer configured with 24 columns', () => {
		const doc = voidSlipDocument({
			...slip,
			at: { label: '时', value: 'Thu 26 Nov 2026 10:02:59 AM' }
		});
		const lines = layoutDocument(doc, { paper: 58, columns: 24 }).lines;
		const text = lines.flatMap((l) => (l.type === 'text' ? [l.text.trim()] : [])).join(' ');
		expect(text).toContain('Thu 26 Nov 2026 10:02:59 AM');
	});

	it('print a dash for the receipt range of a day without receipts', () => {
		const none = zReportDocument({
			...zReport,
			receiptRange: { label: '收据号段', first: null, last: null },
			receiptCount: { label: '收据张数', count: 0 }
		});
		const text = textLines(none, 58).map((l) => l.text);
		expect(text).toContainEqual(expect.stringMatching(/^收据号段 +-$/));
	});
});
