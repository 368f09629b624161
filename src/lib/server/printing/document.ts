import { z } from 'zod';
import { PAPER_COLUMNS, columns, divider, leftRight, wrap, type Align, type Paper } from './layout';

/**
 * A receipt as data: what to print, not how a given printer prints it. Jobs store this (not
 * bytes), so a job can be previewed on the desk, re-rendered for another paper width, and a
 * reprint is the same document again. Text is plain Unicode; GBK happens in render().
 */

const align = z.enum(['left', 'center', 'right']);
/** Character magnification (width and height): 1 normal, 2 double, … up to 4 for a ticket number. */
const size = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** QR payloads stay printable ASCII: the library sizes the store-data command in characters, not bytes. */
const asciiData = z
	.string()
	.min(1)
	.max(500)
	.regex(/^[ -~]+$/, 'error.qrNotAscii');

export const blockSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('text'),
		text: z.string().max(2000),
		align: align.optional(),
		bold: z.boolean().optional(),
		size: size.optional()
	}),
	z.object({
		type: z.literal('leftRight'),
		left: z.string().max(500),
		right: z.string().max(200),
		bold: z.boolean().optional()
	}),
	z.object({
		type: z.literal('columns'),
		cells: z
			.array(
				z.object({
					text: z.string().max(500),
					width: z.number().int().min(1).max(64).optional(),
					align: align.optional()
				})
			)
			.min(1)
			.max(8),
		bold: z.boolean().optional()
	}),
	z.object({ type: z.literal('divider'), char: z.string().min(1).max(2).optional() }),
	z.object({
		type: z.literal('qr'),
		data: asciiData,
		cellSize: z.number().int().min(2).max(8).optional(),
		align: align.optional()
	}),
	z.object({ type: z.literal('feed'), lines: z.number().int().min(1).max(10).optional() }),
	z.object({ type: z.literal('cut') })
]);
export type Block = z.infer<typeof blockSchema>;

export const printDocumentSchema = z.object({ blocks: z.array(blockSchema).max(1000) });
export type PrintDocument = z.infer<typeof printDocumentSchema>;

export type TextSize = 1 | 2 | 3 | 4;

/** One printed line as the desk shows it; `text` is exactly what the printer gets for that line. */
export type PreviewLine =
	| {
			type: 'text';
			text: string;
			align: Align;
			bold: boolean;
			size: TextSize;
			/** Columns this line may use at its size (paper columns ÷ size). */
			cols: number;
	  }
	| { type: 'qr'; data: string; cellSize: number; align: Align }
	| { type: 'cut' };

/** A faithful, HTML-free receipt preview: render it with components (monospace, `ch` units). */
export interface ReceiptPreview {
	paper: Paper;
	cols: number;
	lines: PreviewLine[];
}

export interface PaperOptions {
	paper: Paper;
	/** Overrides the paper's columns (e.g. 42 for an 80 mm printer with a 512-dot head). */
	columns?: number;
}

/** Default QR module size in dots: about 25 mm for a short URL, easy for a phone. */
export const DEFAULT_QR_CELL = 6;

/**
 * Lays a document out in lines. render() and renderPreview() both use it, so the preview breaks
 * lines exactly where the paper will.
 */
export function layoutDocument(doc: PrintDocument, options: PaperOptions): ReceiptPreview {
	const cols = options.columns ?? PAPER_COLUMNS[options.paper];
	const lines: PreviewLine[] = [];
	const plain = (text: string, bold = false): PreviewLine => ({
		type: 'text',
		text,
		align: 'left',
		bold,
		size: 1,
		cols
	});
	for (const b of doc.blocks) {
		switch (b.type) {
			case 'text': {
				const s = b.size ?? 1;
				const width = Math.floor(cols / s);
				for (const text of wrap(b.text, width)) {
					lines.push({
						type: 'text',
						text,
						align: b.align ?? 'left',
						bold: b.bold ?? false,
						size: s,
						cols: width
					});
				}
				break;
			}
			case 'leftRight':
				for (const l of leftRight(b.left, b.right, cols)) lines.push(plain(l, b.bold));
				break;
			case 'columns':
				for (const l of columns(b.cells, cols)) lines.push(plain(l, b.bold));
				break;
			case 'divider':
				lines.push(plain(divider(cols, b.char)));
				break;
			case 'qr':
				lines.push({
					type: 'qr',
					data: b.data,
					cellSize: b.cellSize ?? DEFAULT_QR_CELL,
					align: b.align ?? 'center'
				});
				break;
			case 'feed':
				for (let i = 0; i < (b.lines ?? 1); i++) lines.push(plain(''));
				break;
			case 'cut':
				lines.push({ type: 'cut' });
				break;
		}
	}
	return { paper: options.paper, cols, lines };
}

/** The preview of a document on a paper width (plain data for the desk's receipt component). */
export function renderPreview(doc: PrintDocument, paper: Paper, columns?: number): ReceiptPreview {
	return layoutDocument(doc, { paper, columns });
}

/** Small builders so templates read like the receipt they make. */
export const block = {
	text: (text: string, o: { align?: Align; bold?: boolean; size?: TextSize } = {}): Block => ({
		type: 'text',
		text,
		...o
	}),
	leftRight: (left: string, right: string, bold?: boolean): Block => ({
		type: 'leftRight',
		left,
		right,
		...(bold ? { bold } : {})
	}),
	divider: (char?: string): Block => ({ type: 'divider', ...(char ? { char } : {}) }),
	qr: (data: string, cellSize?: number): Block => ({
		type: 'qr',
		data,
		...(cellSize ? { cellSize } : {})
	}),
	feed: (lines = 1): Block => ({ type: 'feed', lines }),
	cut: (): Block => ({ type: 'cut' })
};

/** A label and its value on one line, e.g. 前面等候 … 3 人. */
export interface LabelValue {
	label: string;
	value: string;
}

/** QR payloads must be printable ASCII (a URL with any Chinese already percent-encoded). */
export function asciiPayload(url: string): string {
	if (!/^[ -~]+$/.test(url)) throw new RangeError(`QR payload is not ASCII: ${url}`);
	return url;
}
