import { formatFen } from '$lib/domain/money';
import { block, type Block, type PrintDocument } from '../printing/document';
import { PAPER_COLUMNS, displayWidth, leftRight } from '../printing/layout';
import type { LabelValue } from '../printing/document';

/**
 * Fee documents: the receipt for one payment, the slip for a void or refund, and the daily
 * close (Z-report). Like ticketDocument, every text comes in already translated and every
 * amount in integer fen (printed with formatFen, so always the full-width ￥).
 *
 * A document does not know its paper: a job can be re-rendered for another printer. So every
 * decision about what fits is made for 58 mm, the narrowest paper, and then also holds on 80 mm.
 */
const NARROW = PAPER_COLUMNS[58];
/** The fewest columns a printer may be configured with (printerConfigSchema): nothing is cut there. */
const FEWEST = 24;

/** A label and an amount in fen, e.g. { label: '合计', fen: 35600 }. */
export interface LabelAmount {
	label: string;
	fen: number;
}

/** A phone page behind a QR code: an ASCII URL (Chinese already percent-encoded) and its caption. */
export interface QrLink {
	url: string;
	caption: string;
}

/** One paid item. */
export interface ReceiptLine {
	/** e.g. 物业服务费 2026年11月; wraps when long, the amount stays on its first line. */
	name: string;
	/** A line of working under the name, e.g. 89.50㎡ × ￥2.50. */
	detail?: string;
	amountFen: number;
}

/** A 收款收据 for one payment. */
export interface FeeReceipt {
	/** The service center's name, e.g. 阳光花园物业服务中心. */
	site: string;
	/** e.g. 收款收据. */
	title: string;
	/** Printed large under the title (and again under the total): e.g. 重打 REPRINT, 已作废 VOID. */
	copyMark?: string;
	/** e.g. { label: '收据号', value: '2026-000123' }. */
	receiptNo: LabelValue;
	/** When it was paid, as the caller formats it. */
	paidAt: LabelValue;
	/** The full unit number: the receipt is the payer's own paper. */
	unit: LabelValue;
	/** The payer's name, already masked (张**). */
	payer?: LabelValue;
	cashier: LabelValue;
	/** e.g. { label: '支付方式', value: '现金' }. */
	method: LabelValue;
	lines: readonly ReceiptLine[];
	/** Must equal the sum of the lines. */
	total: LabelAmount;
	/** Cash payments: what was handed over and the change given back. */
	cash?: { tendered: LabelAmount; change: LabelAmount };
	/** The e-receipt on the payer's phone. */
	eReceipt?: QrLink;
	/** "Rate our service". */
	rating?: QrLink;
	footer?: readonly string[];
}

/** The receipt for one payment: items with amounts flush right, a double-size total. */
export function receiptDocument(r: FeeReceipt): PrintDocument {
	const sum = r.lines.reduce((s, l) => s + l.amountFen, 0);
	// A receipt whose lines do not add up to its total is a caller bug, never paper to hand out.
	if (sum !== r.total.fen) {
		throw new RangeError(`receipt lines add up to ${sum} fen, total is ${r.total.fen}`);
	}
	const blocks: Block[] = [...heading(r.site, r.title, r.copyMark), block.divider()];
	for (const row of [r.receiptNo, r.paidAt, r.unit, r.payer, r.cashier, r.method]) {
		if (row) blocks.push(...labelValue(row));
	}
	blocks.push(block.divider());
	for (const line of r.lines) {
		blocks.push(block.leftRight(line.name, formatFen(line.amountFen)));
		if (line.detail) blocks.push(indented(line.detail));
	}
	blocks.push(block.divider(), ...bigAmount(r.total));
	if (r.cash) blocks.push(...[r.cash.tendered, r.cash.change].map((a) => amountRow(a)));
	// Again under the total: a copy torn off below the header still says what it is.
	if (r.copyMark) blocks.push(block.text(r.copyMark, { align: 'center', bold: true }));
	for (const link of [r.eReceipt, r.rating]) if (link) blocks.push(...qr(link));
	blocks.push(...footer(r.footer));
	return { blocks };
}

/** A 作废/退款凭证: what was cancelled, why and on whose approval. */
export interface VoidSlip {
	site: string;
	/** e.g. 作废凭证 or 退款凭证. */
	title: string;
	/** e.g. 重打 REPRINT. */
	copyMark?: string;
	/** The receipt number of the cancelled payment, e.g. { label: '原收据号', value: '2026-000123' }. */
	original: LabelValue;
	unit: LabelValue;
	/** The amount cancelled, printed as given (a positive amount reads naturally under 退款金额). */
	amount: LabelAmount;
	/** Wraps below its label when long. */
	reason: LabelValue;
	/** The manager who approved it. */
	approvedBy: LabelValue;
	at: LabelValue;
	/** Lines to sign on, e.g. ['经办人签字：', '领款人签字：']. */
	signatures?: readonly string[];
	footer?: readonly string[];
}

/** The slip printed when a payment is voided or refunded. */
export function voidSlipDocument(v: VoidSlip): PrintDocument {
	const blocks: Block[] = [...heading(v.site, v.title, v.copyMark), block.divider()];
	for (const row of [v.original, v.unit]) blocks.push(...labelValue(row));
	blocks.push(block.divider(), ...bigAmount(v.amount), block.divider());
	for (const row of [v.reason, v.approvedBy, v.at]) blocks.push(...labelValue(row));
	for (const s of v.signatures ?? []) blocks.push(...signature(s));
	blocks.push(...footer(v.footer));
	return { blocks };
}

/** A row of the Z-report's table: how many entries and how much, e.g. 现金 12 ￥4,560.00. */
export interface CountTotal {
	label: string;
	count: number;
	totalFen: number;
}

/** The daily close (日结) of one drawer, from the ledger's figures. */
export interface ZReport {
	site: string;
	/** e.g. 日结报表 Z. */
	title: string;
	copyMark?: string;
	cashier: LabelValue;
	businessDay: LabelValue;
	closedAt: LabelValue;
	/** The table's column headings, e.g. { label: '收款方式', count: '笔数', total: '金额' }. */
	headings: { label: string; count: string; total: string };
	/** One row per payment method. */
	methods: readonly CountTotal[];
	/** Totals printed as given: the caller decides whether they read as negative. */
	voids: CountTotal;
	refunds: CountTotal;
	net: LabelAmount;
	/** Cash that should be in the drawer. */
	expectedCash: LabelAmount;
	/** First and last receipt number of the day; null when none was issued. */
	receiptRange: { label: string; first: string | null; last: string | null };
	receiptCount: { label: string; count: number };
	/** e.g. ['收银员签字：', '主管签字：']: each gets room to sign and a rule. */
	signatures: readonly string[];
	footer?: readonly string[];
}

/** The Z-report printed at the daily close. */
export function zReportDocument(z: ZReport): PrintDocument {
	const rows = [...z.methods, z.voids, z.refunds];
	// Fixed widths (a columns cell must have one on every paper) sized to the widest figure.
	const countW = Math.max(...rows.map((r) => String(r.count).length), cap(z.headings.count, 6));
	const totalW = Math.max(
		...rows.map((r) => displayWidth(formatFen(r.totalFen))),
		cap(z.headings.total, 14)
	);
	const tableRow = (label: string, count: string, total: string, bold = false): Block => ({
		type: 'columns',
		cells: [
			{ text: label },
			{ text: count, width: countW, align: 'right' },
			{ text: total, width: totalW, align: 'right' }
		],
		...(bold ? { bold } : {})
	});
	const figures = (r: CountTotal) => tableRow(r.label, String(r.count), formatFen(r.totalFen));
	const { first, last } = z.receiptRange;
	const blocks: Block[] = [...heading(z.site, z.title, z.copyMark), block.divider()];
	for (const row of [z.cashier, z.businessDay, z.closedAt]) blocks.push(...labelValue(row));
	blocks.push(
		block.divider(),
		tableRow(z.headings.label, z.headings.count, z.headings.total, true)
	);
	blocks.push(...z.methods.map(figures), block.divider(), figures(z.voids), figures(z.refunds));
	blocks.push(block.divider(), amountRow(z.net, true), amountRow(z.expectedCash, true));
	blocks.push(block.divider());
	// '~' is ASCII (one column); the receipt numbers themselves contain hyphens.
	const range = first && last ? (first === last ? first : `${first} ~ ${last}`) : '-';
	blocks.push(...labelValue({ label: z.receiptRange.label, value: range }));
	blocks.push(...labelValue({ label: z.receiptCount.label, value: String(z.receiptCount.count) }));
	for (const s of z.signatures) blocks.push(...signature(s));
	blocks.push(...footer(z.footer));
	return { blocks };
}

/** Site, title at double size and the copy mark, if any, as large as the title. */
function heading(site: string, title: string, copyMark?: string): Block[] {
	const blocks = [
		block.text(site, { align: 'center', bold: true }),
		block.text(title, { align: 'center', bold: true, size: 2 })
	];
	if (copyMark) blocks.push(block.text(copyMark, { align: 'center', bold: true, size: 2 }));
	return blocks;
}

/**
 * A label and its value on one line when they share a 58 mm line; otherwise the value goes on
 * its own line(s) below, since leftRight() would cut a value wider than the printer's line.
 */
function labelValue(r: LabelValue): Block[] {
	const vw = displayWidth(r.value);
	if (displayWidth(r.label) + 1 + vw <= NARROW && vw <= FEWEST) {
		return [block.leftRight(r.label, r.value)];
	}
	if (vw <= NARROW) return [block.text(r.label), block.text(r.value, { align: 'right' })];
	return [block.text(r.label), block.text(r.value)];
}

const amountRow = (a: LabelAmount, bold?: boolean): Block =>
	block.leftRight(a.label, formatFen(a.fen), bold);

/**
 * An amount at double size, bold: label and amount fill the 16 columns a double-size line has on
 * 58 mm (centered on 80 mm). leftRight() cannot scale, so the line is laid out here at half
 * width; a label too long for that goes above the amount instead.
 */
function bigAmount(a: LabelAmount): Block[] {
	const amount = formatFen(a.fen);
	const [line, ...more] = leftRight(a.label, amount, NARROW / 2);
	if (line !== undefined && more.length === 0) {
		return [block.text(line, { align: 'center', bold: true, size: 2 })];
	}
	return [
		block.text(a.label, { bold: true }),
		block.text(amount, { align: 'right', bold: true, size: 2 })
	];
}

/** Detail under an item, two columns in: wrap() drops leading spaces, a columns cell keeps them. */
const indented = (text: string): Block => ({
	type: 'columns',
	cells: [{ text: '', width: 1 }, { text }]
});

/** Room for a pen above (thermal paper) and a rule filling the rest of a 58 mm line. */
function signature(label: string): Block[] {
	const rule = '_'.repeat(Math.max(8, NARROW - displayWidth(label)));
	return [block.feed(2), block.text(label + rule)];
}

function qr(link: QrLink): Block[] {
	return [
		block.feed(),
		block.qr(asciiUrl(link.url)),
		block.text(link.caption, { align: 'center' })
	];
}

function footer(lines: readonly string[] = []): Block[] {
	const blocks: Block[] = lines.length ? [block.divider()] : [];
	for (const line of lines) blocks.push(block.text(line, { align: 'center' }));
	return [...blocks, block.feed(), block.cut()];
}

/** A heading's width, at most `max` columns (a longer one wraps within its cell). */
const cap = (text: string, max: number) => Math.min(displayWidth(text), max);

/** QR payloads must be printable ASCII (as in templates.ts, which keeps its copy private). */
function asciiUrl(url: string): string {
	if (!/^[ -~]+$/.test(url)) throw new RangeError(`QR payload is not ASCII: ${url}`);
	return url;
}
