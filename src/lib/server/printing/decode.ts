import iconv from 'iconv-lite';
import type { Align } from './layout';

/** One line read back from ESC/POS bytes, with the style it was printed in. */
export interface DecodedLine {
	text: string;
	align: Align;
	bold: boolean;
	/** Width magnification (GS ! / ESC ! double width). */
	size: number;
}

/** What a receipt's bytes say, for tests and the desk's view of the virtual printer. */
export interface DecodedReceipt {
	lines: DecodedLine[];
	/** All lines joined with \n. */
	text: string;
	/** Payloads of GS ( k store-data commands, in order. */
	qr: string[];
	cuts: number;
	/** Escape sequences this reader does not know (their parameters may show up as text). */
	unknown: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const ALIGNS: Align[] = ['left', 'center', 'right'];

/** Parameter bytes after ESC x / GS x / FS x for fixed-length commands Foyer or the library emit. */
const ESC_ARGS: Record<number, number> = {
	0x40: 0, 0x32: 0, 0x33: 1, 0x21: 1, 0x2d: 1, 0x45: 1, 0x47: 1, 0x4a: 1, 0x4d: 1, 0x52: 1,
	0x56: 1, 0x61: 1, 0x64: 1, 0x74: 1, 0x7b: 1, 0x42: 2, 0x70: 3, 0x63: 2
}; // prettier-ignore
const GS_ARGS: Record<number, number> = {
	0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x72: 1, 0x61: 1, 0x4c: 2, 0x57: 2
}; // prettier-ignore
const FS_ARGS: Record<number, number> = { 0x26: 0, 0x2e: 0, 0x21: 1, 0x2d: 1, 0x43: 1, 0x57: 1, 0x53: 2 }; // prettier-ignore

/**
 * Reads ESC/POS bytes back: strips control sequences, decodes the text as GBK (a GBK trail byte
 * is ≥ 0x40, so no control byte can hide inside a character), keeps each line's style, and
 * extracts QR payloads from the GS ( k store-data command (cn 49, fn 80).
 */
export function decodeReceipt(bytes: Uint8Array): DecodedReceipt {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const lines: DecodedLine[] = [];
	const qr: string[] = [];
	let cuts = 0;
	let unknown = 0;
	const style = { align: 'left' as Align, bold: false, size: 1 };
	let text: number[] = [];
	const endLine = () => {
		lines.push({ text: iconv.decode(Buffer.from(text), 'gbk'), ...style });
		text = [];
	};
	let i = 0;
	while (i < buf.length) {
		const b = buf[i]!;
		const cmd = buf[i + 1] ?? -1;
		const arg = buf[i + 2] ?? 0;
		if (b === LF) {
			endLine();
			i += 1;
		} else if (b === ESC && cmd in ESC_ARGS) {
			if (cmd === 0x40) Object.assign(style, { align: 'left', bold: false, size: 1 });
			else if (cmd === 0x61) style.align = ALIGNS[arg % 48] ?? 'left';
			else if (cmd === 0x45) style.bold = (arg & 1) === 1;
			else if (cmd === 0x21) style.size = arg & 0x20 ? 2 : 1;
			else if (cmd === 0x64) {
				if (text.length) endLine();
				for (let n = 0; n < arg; n++) endLine();
			}
			i += 2 + ESC_ARGS[cmd]!;
		} else if (b === GS && cmd === 0x28) {
			// GS ( fn pL pH …: length-prefixed; GS ( k with cn 49 (QR) and fn 80 stores the data.
			const len = (buf[i + 3] ?? 0) + (buf[i + 4] ?? 0) * 256;
			if (arg === 0x6b && buf[i + 5] === 0x31 && buf[i + 6] === 0x50) {
				qr.push(buf.subarray(i + 8, i + 5 + len).toString('latin1'));
			}
			i += 5 + len;
		} else if (b === GS && cmd === 0x56) {
			cuts += 1;
			i += arg >= 65 ? 4 : 3; // GS V m, or GS V m n for the feed-and-cut forms
		} else if (b === GS && cmd === 0x6b) {
			// GS k m: m < 32 is NUL-terminated data, otherwise one length byte follows.
			if (arg < 32) i = buf.indexOf(0, i + 3) + 1 || buf.length;
			else i += 4 + (buf[i + 3] ?? 0);
		} else if (b === GS && cmd === 0x76 && arg === 0x30) {
			// GS v 0 m xL xH yL yH: a raster image of xL+xH·256 bytes per row × yL+yH·256 rows.
			const w = (buf[i + 4] ?? 0) + (buf[i + 5] ?? 0) * 256;
			const h = (buf[i + 6] ?? 0) + (buf[i + 7] ?? 0) * 256;
			i += 8 + w * h;
		} else if (b === GS && cmd in GS_ARGS) {
			if (cmd === 0x21) style.size = (arg >> 4) + 1;
			i += 2 + GS_ARGS[cmd]!;
		} else if (b === FS && cmd in FS_ARGS) {
			i += 2 + FS_ARGS[cmd]!;
		} else if (b === DLE && cmd === 0x04) {
			i += 3; // DLE EOT n: a status request
		} else if (b === ESC || b === GS || b === FS) {
			// Unknown: skip the command byte too (it is never text); its parameters may show as text.
			unknown += 1;
			i += 2;
		} else if (b < 0x20 || b === 0x7f) {
			i += 1; // CR, HT (receipts here never use it) and the like
		} else {
			text.push(b);
			i += 1;
		}
	}
	if (text.length) endLine();
	return { lines, text: lines.map((l) => l.text).join('\n'), qr, cuts, unknown };
}
