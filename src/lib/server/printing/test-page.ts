import { asciiPayload, block, type PrintDocument } from './document';
import { PAPER_COLUMNS, type Paper } from './layout';

export interface TestPageInput {
	paper: Paper;
	columns?: number;
	printerName: string;
	target: string;
	/** When, as the caller formats it. */
	printedAt: string;
	/** An ASCII payload for the sample QR code (e.g. the desk's printer page). */
	qrData?: string;
}

const DIGITS = '1234567890';
const CHINESE = '一二三四五六七八九十';

/**
 * A page that shows at a glance whether layout and encoding are right on this printer: the
 * ASCII and Chinese rulers and every leftRight/columns line must end exactly at the right
 * edge; a blank line after a ruler means the printer wraps a full line by itself.
 */
export function testPageDocument(input: TestPageInput): PrintDocument {
	const cols = input.columns ?? PAPER_COLUMNS[input.paper];
	const repeat = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
	return {
		blocks: [
			block.text('Foyer 打印测试', { align: 'center', bold: true, size: 2 }),
			block.text('PRINT TEST', { align: 'center' }),
			block.divider('='),
			block.leftRight('打印机 Printer', input.printerName),
			block.leftRight('地址 Target', input.target),
			block.leftRight('纸宽 Paper', `${input.paper}mm / ${cols} cols`),
			block.leftRight('时间 Time', input.printedAt),
			block.divider(),
			block.text(repeat(DIGITS, cols)),
			block.text(repeat('----+----|', cols)),
			block.text(repeat(CHINESE, Math.floor(cols / 2))),
			block.divider(),
			block.leftRight('物业管理费（2026年1月）', '￥1,280.00', true),
			{
				type: 'columns',
				cells: [
					{ text: '项目 Item' },
					{ text: '数量', width: 4, align: 'right' },
					{ text: '金额 Amount', width: 11, align: 'right' }
				]
			},
			{
				type: 'columns',
				cells: [
					{ text: '公共区域电梯运行维护费分摊' },
					{ text: '12', width: 4, align: 'right' },
					{ text: '368.50元', width: 11, align: 'right' }
				]
			},
			block.divider(),
			block.text(
				'过长的中文会在行宽处自动换行，标点符号“，。”不会出现在行首。Long English words wrap at spaces.'
			),
			block.text('符号：￥ 元 · — 【】《》 ①②③'),
			block.text('大号 Large', { align: 'center', size: 2 }),
			block.text('A012', { align: 'center', bold: true, size: 4 }),
			block.qr(asciiPayload(input.qrData ?? 'FOYER PRINT TEST')),
			block.text(input.qrData ?? 'FOYER PRINT TEST', { align: 'center' }),
			block.feed(),
			block.cut()
		]
	};
}
