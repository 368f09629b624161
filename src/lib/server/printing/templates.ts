import { block, type Block, type PrintDocument } from './document';
import { PAPER_COLUMNS, type Paper } from './layout';

/**
 * Documents Foyer prints. Every text comes in already translated (the caller knows the
 * resident's language); only the test page carries fixed sample text, since it exists to show
 * how this printer renders Chinese, ASCII and columns.
 */

/** A label and its value on one line, e.g. 前面等候 … 3 人. */
export interface LabelValue {
	label: string;
	value: string;
}

export interface TicketSlip {
	/** The service center's name, e.g. 阳光花园物业服务中心. */
	site: string;
	/** The ticket number as called, e.g. A012. */
	label: string;
	/** The service, e.g. 物业缴费. */
	service: string;
	/** People ahead in this line, e.g. { label: '前面等候', value: '3 人' }. */
	ahead: LabelValue;
	/** Estimated wait, e.g. { label: '预计等候', value: '约 15 分钟' }. */
	wait: LabelValue;
	/** When the ticket was taken, e.g. { label: '取号时间', value: '2026-01-05 09:12' }. */
	takenAt: LabelValue;
	/** A phone page to follow the ticket: an ASCII URL (a QR payload) and its caption. */
	follow?: { url: string; caption: string };
	/** Closing lines, e.g. 过号请重新取号. */
	footer?: readonly string[];
}

/** The slip the kiosk prints when a resident takes a queue ticket. */
export function ticketDocument(slip: TicketSlip): PrintDocument {
	const blocks: Block[] = [
		block.text(slip.site, { align: 'center', bold: true }),
		block.divider(),
		// Four times the normal size: readable at arm's length, 8 characters fit even 58 mm paper.
		block.text(slip.label, { align: 'center', bold: true, size: 4 }),
		block.text(slip.service, { align: 'center', size: 2 }),
		block.divider(),
		...[slip.ahead, slip.wait, slip.takenAt].map((r) => block.leftRight(r.label, r.value))
	];
	if (slip.follow) {
		blocks.push(block.feed(), block.qr(asciiUrl(slip.follow.url)));
		blocks.push(block.text(slip.follow.caption, { align: 'center' }));
	}
	if (slip.footer?.length) {
		blocks.push(block.divider());
		for (const line of slip.footer) blocks.push(block.text(line, { align: 'center' }));
	}
	blocks.push(block.feed(), block.cut());
	return { blocks };
}

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
			block.qr(asciiUrl(input.qrData ?? 'FOYER PRINT TEST')),
			block.text(input.qrData ?? 'FOYER PRINT TEST', { align: 'center' }),
			block.feed(),
			block.cut()
		]
	};
}

/** QR payloads must be printable ASCII (a URL with any Chinese already percent-encoded). */
function asciiUrl(url: string): string {
	if (!/^[ -~]+$/.test(url)) throw new RangeError(`QR payload is not ASCII: ${url}`);
	return url;
}
