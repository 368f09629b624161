import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeReceipt } from './decode';
import { block, printDocumentSchema, renderPreview, type PrintDocument } from './document';
import { render } from './escpos';
import { displayWidth } from './layout';
import { ticketDocument } from '../queue/ticket-slip';
import { testPageDocument } from './test-page';

const TRACK_URL = 'http://192.168.1.10:3000/t/20260105-abc';

const ticket = ticketDocument({
	site: '阳光花园物业服务中心',
	label: 'A012',
	service: '物业缴费',
	ahead: { label: '前面等候', value: '3 人' },
	wait: { label: '预计等候', value: '约 15 分钟' },
	takenAt: { label: '取号时间', value: '2026-01-05 09:12' },
	follow: { url: TRACK_URL, caption: '扫码查看排队进度' },
	footer: ['过号请重新取号，谢谢！']
});

const receipt: PrintDocument = {
	blocks: [
		block.text('收 款 收 据', { align: 'center', bold: true, size: 2 }),
		block.leftRight('房号', '3栋2单元1201'),
		{
			type: 'columns',
			cells: [
				{ text: '物业管理费（2026年1月至3月）' },
				{ text: '¥1,068.00', width: 10, align: 'right' }
			]
		},
		block.divider(),
		block.leftRight('合计', '￥1,068.00', true),
		block.cut()
	]
};

/** Index of a byte sequence in a buffer, or -1. */
function find(bytes: Buffer, seq: number[]): number {
	return bytes.indexOf(Buffer.from(seq));
}

describe('render', () => {
	it('starts with a reset, Chinese mode and the China code page, Font A', () => {
		const bytes = render(ticket, { paper: 58 });
		expect([...bytes.subarray(0, 10)]).toEqual([
			0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x52, 0x0f, 0x1b, 0x4d, 0x00
		]);
	});

	it('encodes text as GBK and never switches code pages, even for a ¥ in the text', () => {
		const bytes = render(receipt, { paper: 58 });
		expect(find(bytes, [...iconv.encode('物业管理费', 'gbk')])).toBeGreaterThan(0);
		expect(find(bytes, [0xa3, 0xa4])).toBeGreaterThan(0); // ￥ in GBK
		expect(find(bytes, [0x1b, 0x74])).toBe(-1); // ESC t: select code page
		expect(bytes.includes(0x3f)).toBe(false); // no '?' fallback anywhere
	});

	it('reads back as the same lines the preview shows', () => {
		for (const paper of [58, 80] as const) {
			const preview = renderPreview(receipt, paper);
			const decoded = decodeReceipt(render(receipt, { paper }));
			const printed = decoded.lines.map((l) => l.text).filter((t) => t !== '');
			const shown = preview.lines
				.flatMap((l) => (l.type === 'text' ? [l.text.trimEnd()] : []))
				.filter((t) => t !== '');
			expect(printed).toEqual(shown);
			expect(decoded.cuts).toBe(1);
		}
	});

	it('puts the ticket label in big bold type and the tracking URL in the QR code', () => {
		const decoded = decodeReceipt(render(ticket, { paper: 58 }));
		const label = decoded.lines.find((l) => l.text === 'A012');
		expect(label).toMatchObject({ bold: true, size: 4, align: 'center' });
		expect(decoded.qr).toEqual([TRACK_URL]);
		expect(decoded.text).toContain('阳光花园物业服务中心');
		expect(decoded.text).toContain('扫码查看排队进度');
	});
});

describe('renderPreview', () => {
	it('gives plain data: lines with styles, the QR payload and the cut', () => {
		const p = renderPreview(ticket, 58);
		expect(p).toMatchObject({ paper: 58, cols: 32 });
		expect(p.lines).toContainEqual({
			type: 'text',
			text: 'A012',
			align: 'center',
			bold: true,
			size: 4,
			cols: 8
		});
		expect(p.lines).toContainEqual({ type: 'qr', data: TRACK_URL, cellSize: 6, align: 'center' });
		expect(p.lines.at(-1)).toEqual({ type: 'cut' });
		expect(JSON.parse(JSON.stringify(p))).toEqual(p);
	});

	it('keeps every left-aligned line of the test page within the paper, rulers exactly full', () => {
		for (const paper of [58, 80] as const) {
			const doc = testPageDocument({
				paper,
				printerName: '前台',
				target: 'virtual',
				printedAt: '09:00'
			});
			const p = renderPreview(doc, paper);
			for (const l of p.lines) {
				if (l.type === 'text') expect(displayWidth(l.text)).toBeLessThanOrEqual(l.cols);
			}
			const rulers = p.lines.filter((l) => l.type === 'text' && /^(1234|一二三)/.test(l.text));
			expect(rulers).toHaveLength(2);
			for (const l of rulers) if (l.type === 'text') expect(displayWidth(l.text)).toBe(p.cols);
		}
	});
});

describe('printDocumentSchema', () => {
	it('refuses a QR payload that is not ASCII (the library would size the command wrongly)', () => {
		const r = printDocumentSchema.safeParse({ blocks: [{ type: 'qr', data: 'http://x/查询' }] });
		expect(r.success).toBe(false);
	});

	it('accepts what the templates make', () => {
		expect(printDocumentSchema.parse(ticket)).toEqual(ticket);
	});
});

describe('decodeReceipt', () => {
	it('skips commands it knows, counts the ones it does not, and keeps the text between', () => {
		const bytes = Buffer.concat([
			Buffer.from([0x1b, 0x40, 0x1b, 0x61, 0x01]),
			iconv.encode('中文', 'gbk'),
			Buffer.from([0x0a, 0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0xff, 0x0a]),
			Buffer.from([0x1d, 0x6b, 0x49, 0x03, 0x41, 0x42, 0x43]), // CODE128 "ABC"
			Buffer.from('ok\n'),
			Buffer.from([0x1b, 0x99, 0x41, 0x0a])
		]);
		const d = decodeReceipt(bytes);
		expect(d.lines.map((l) => l.text)).toEqual(['中文', 'ok', 'A']);
		expect(d.lines[0]!.align).toBe('center');
		expect(d.unknown).toBe(1);
	});
});
