import iconv from 'iconv-lite';

/**
 * Receipt layout in printer columns. A thermal printer in Chinese (GBK) mode prints every
 * single-byte character in one column and every double-byte character in two, so the width of
 * a string is exactly the length of its GBK bytes: 中, ￥, ， and even · or ─ take two columns,
 * ASCII takes one. node-thermal-printer's leftRight()/table() count characters instead, which
 * is why Foyer lays out every line here and hands the printer finished lines.
 *
 * Every function cleans its input first (see clean), so what is measured is what is printed.
 */

/** Columns of Font A (12×24 dots) on common paper: 384 dots on 58 mm, 576 dots on 80 mm. */
export const PAPER_COLUMNS = { 58: 32, 80: 48 } as const;
export type Paper = keyof typeof PAPER_COLUMNS;
export type Align = 'left' | 'center' | 'right';

const widths = new Map<string, 0 | 1 | 2>();

/** Printed width of one character: 1 (ASCII), 2 (a GBK double-byte character) or 0 (not printable). */
export function charWidth(ch: string): 0 | 1 | 2 {
	const code = ch.codePointAt(0) ?? 0;
	if (code >= 0x20 && code < 0x7f) return 1;
	if (code < 0xa0) return 0; // C0/C1 controls, DEL: never sent as text (no ESC/POS injection)
	let w = widths.get(ch);
	if (w === undefined) {
		const bytes = iconv.encode(ch, 'gbk');
		// GBK lead bytes are 0x81–0xFE. A single byte ≥ 0x80 (cp936 maps € to 0x80) or a '?'
		// fallback would print garbage or nothing, so those count as not printable.
		w = bytes.length === 2 && bytes[0]! >= 0x81 ? 2 : 0;
		widths.set(ch, w);
	}
	return w;
}

/**
 * What will be printed for a piece of text on one line: the yen sign ¥ (not in GBK; the library
 * would switch code pages for it and garble the rest of the receipt) becomes ￥, tabs and line
 * breaks become spaces, control characters are dropped, anything else GBK cannot print becomes ?.
 */
export function clean(text: string): string {
	let out = '';
	for (const ch of text.normalize('NFC')) {
		if (ch === '¥') out += '￥';
		else if (ch === '\t' || ch === '\n' || ch === '\r') out += ' ';
		else {
			const code = ch.codePointAt(0) ?? 0;
			if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
			out += charWidth(ch) === 0 ? '?' : ch;
		}
	}
	return out;
}

/** Display width in printer columns of the cleaned text. */
export function displayWidth(text: string): number {
	let w = 0;
	for (const ch of clean(text)) w += charWidth(ch);
	return w;
}

/** The longest prefix that fits `width` columns (a double-width character is never split). */
export function truncate(text: string, width: number): string {
	let out = '';
	let w = 0;
	for (const ch of clean(text)) {
		const cw = charWidth(ch);
		if (w + cw > width) break;
		out += ch;
		w += cw;
	}
	return out;
}

/** Exactly `width` columns: truncated if too long, padded with spaces on the side(s) away from `align`. */
export function pad(text: string, width: number, align: Align = 'left'): string {
	const t = truncate(text, width);
	const room = width - displayWidth(t);
	if (align === 'right') return ' '.repeat(room) + t;
	if (align === 'center') {
		const before = Math.floor(room / 2);
		return ' '.repeat(before) + t + ' '.repeat(room - before);
	}
	return t + ' '.repeat(room);
}

/** Closing punctuation that must not start a line (禁则): it pulls the previous character down with it. */
const NO_LINE_START = new Set('，。、；：？！）】》」』”’…～'.split(''));

/**
 * Breaks text into lines of at most `width` columns (not padded). Chinese breaks between any two
 * characters, ASCII words break at spaces and are split only when longer than a line; explicit
 * newlines are kept. Always returns at least one line.
 */
export function wrap(text: string, width: number): string[] {
	if (width < 1) throw new RangeError(`wrap: width ${width} < 1`);
	const out: string[] = [];
	for (const paragraph of text.split(/\r?\n|\r/)) {
		// Tokens: runs of ASCII non-space (words), single spaces, single double-width characters.
		const tokens = clean(paragraph).match(/[!-~]+| |[^ -~]/gu) ?? [];
		let line: string[] = [];
		let w = 0;
		const flush = () => {
			out.push(line.join('').trimEnd());
			line = [];
			w = 0;
		};
		const put = (t: string, tw: number) => {
			line.push(t);
			w += tw;
		};
		for (let token of tokens) {
			if (token === ' ') {
				if (w > 0 && w < width) put(' ', 1);
				else if (w >= width) flush();
				continue;
			}
			if (/^[!-~]+$/.test(token)) {
				if (w + token.length > width && w > 0 && token.length <= width) flush();
				while (token.length > width - w) {
					line.push(token.slice(0, width - w));
					token = token.slice(width - w);
					flush();
				}
				if (token) put(token, token.length);
				continue;
			}
			if (width < 2) token = '?'; // a double-width character cannot fit a 1-column cell
			const cw = displayWidth(token);
			if (w + cw > width) {
				// Keep closing punctuation off the start of a line: carry the last character down.
				const last = line.at(-1);
				const carry =
					width >= 4 &&
					NO_LINE_START.has(token) &&
					line.length > 1 &&
					last !== undefined &&
					charWidth(last) === 2 &&
					!NO_LINE_START.has(last)
						? line.pop()!
						: null;
				flush();
				if (carry) put(carry, 2);
			}
			put(token, cw);
		}
		flush();
	}
	return out;
}

/**
 * `left` and `right` on one line of exactly `cols` columns, right flush with the edge. A left
 * text too long to share the line wraps below, the right text stays on the first line.
 */
export function leftRight(left: string, right: string, cols: number): string[] {
	const r = truncate(right, cols);
	const rw = displayWidth(r);
	const room = cols - rw - 1;
	if (room < 4) return [...wrap(left, cols).map((l) => pad(l, cols)), pad(r, cols, 'right')];
	const lines = wrap(left, room);
	return [pad(lines[0] ?? '', room) + ' ' + r, ...lines.slice(1).map((l) => pad(l, cols))];
}

/** One cell of a columns row: `width` in columns (cells without one share what is left). */
export interface Cell {
	text: string;
	width?: number;
	align?: Align;
}

/**
 * A table row: each cell wraps within its width, cells are separated by `gap` spaces and every
 * produced line is exactly `cols` columns. Throws when fixed widths do not fit (a template bug).
 */
export function columns(cells: readonly Cell[], cols: number, gap = 1): string[] {
	if (cells.length === 0) return [' '.repeat(cols)];
	const fixed = cells.reduce((s, c) => s + (c.width ?? 0), 0);
	const flexible = cells.filter((c) => c.width === undefined).length;
	const free = cols - fixed - gap * (cells.length - 1);
	if (free < flexible * 2 || (flexible === 0 && free < 0)) {
		throw new RangeError(`columns: widths ${fixed} + gaps do not fit ${cols} columns`);
	}
	const share = flexible ? Math.floor(free / flexible) : 0;
	let extra = flexible ? free - share * flexible : 0;
	const ws = cells.map((c) => {
		if (c.width !== undefined) return c.width;
		const w = share + extra; // the first flexible cell takes the remainder
		extra = 0;
		return w;
	});
	const wrapped = cells.map((c, i) => wrap(c.text, ws[i]!));
	const rows = Math.max(...wrapped.map((w) => w.length));
	const out: string[] = [];
	for (let r = 0; r < rows; r++) {
		const line = cells
			.map((c, i) => pad(wrapped[i]![r] ?? '', ws[i]!, c.align))
			.join(' '.repeat(gap));
		out.push(pad(line, cols));
	}
	return out;
}

/** A rule across the paper made of `char` (a double-width character repeats half as often). */
export function divider(cols: number, char = '-'): string {
	const c = truncate(char, 2) || '-';
	return pad(c.repeat(Math.floor(cols / displayWidth(c))), cols);
}
