import iconv from 'iconv-lite';
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { layoutDocument, type PaperOptions, type PrintDocument } from './document';
import type { TextSize } from './document';
import type { Align } from './layout';

/** FS & — select Chinese character mode. Chinese-market printers start in it, but a printer
 * left in single-byte mode (or one whose ESC @ drops it) would print GBK as mojibake. */
const CHINESE_MODE = Buffer.from([0x1c, 0x26]);
/** ESC @ — initialise (the library's initHardware(), which its typings leave out). */
const INIT = Buffer.from([0x1b, 0x40]);

/**
 * Renders a document to ESC/POS bytes for an Epson-compatible printer in GBK.
 *
 * node-thermal-printer builds the commands (init, alignment, bold, size, QR, cut); the text
 * goes in already laid out and already GBK-encoded. Its own print() would fold lines by
 * character count and encode character by character, switching code pages for any character
 * the current one lacks (one ¥ turns the rest of the receipt into mojibake), so Foyer encodes
 * cleaned text with iconv-lite itself. No I/O here: sending is transport.ts's job.
 */
export function render(doc: PrintDocument, options: PaperOptions): Buffer {
	const layout = layoutDocument(doc, options);
	const p = new ThermalPrinter({
		type: PrinterTypes.EPSON,
		// No interface: the library is only a command builder here (see transport.ts).
		interface: '',
		width: layout.cols,
		characterSet: CharacterSet.CHINA,
		breakLine: BreakLine.NONE
	});
	// The constructor already queued the code page; start over with a reset in front of it.
	p.setBuffer(Buffer.alloc(0));
	const state = { align: 'left' as Align, bold: false, size: 1 as TextSize };
	const init = () => {
		p.append(INIT); // also resets alignment, bold and size
		p.append(CHINESE_MODE);
		p.setCharacterSet(CharacterSet.CHINA);
		p.setTypeFontA(); // the column counts assume Font A
		Object.assign(state, { align: 'left', bold: false, size: 1 });
	};
	const setAlign = (a: Align) => {
		if (state.align === a) return;
		if (a === 'center') p.alignCenter();
		else if (a === 'right') p.alignRight();
		else p.alignLeft();
		state.align = a;
	};
	const setStyle = (bold: boolean, size: TextSize) => {
		if (state.bold !== bold) p.bold(bold);
		if (state.size !== size) p.setTextSize(size - 1, size - 1);
		Object.assign(state, { bold, size });
	};
	init();
	for (const line of layout.lines) {
		if (line.type === 'cut') {
			p.cut({ verticalTabAmount: 1 }); // feeds 4 lines past the cutter, cuts, then ESC @
			init();
			continue;
		}
		if (line.type === 'qr') {
			setAlign(line.align);
			setStyle(false, 1); // the line feed after the symbol must not be a 4× tall blank line
			p.printQR(line.data, { cellSize: line.cellSize, correction: 'M', model: 2 });
			p.newLine();
			continue;
		}
		setAlign(line.align);
		setStyle(line.bold, line.size);
		// Trailing spaces print nothing; left-aligned lines drop them to save bytes.
		const text = line.align === 'left' ? line.text.trimEnd() : line.text;
		if (text) p.append(iconv.encode(text, 'gbk'));
		p.newLine();
	}
	return p.getBuffer();
}
