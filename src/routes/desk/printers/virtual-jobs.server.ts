import {
	PAPER_COLUMNS,
	decodeReceipt,
	displayWidth,
	type Paper,
	type PreviewLine,
	type ReceiptPreview,
	type VirtualJob
} from '$lib/server/printing';

/** One thing the virtual printer received, read back for the desk. */
export interface VirtualPrint {
	/** Unique among the prints listed (for keyed lists). */
	key: string;
	receivedAt: string;
	bytes: number;
	/** False when the connection broke before the sender closed it. */
	complete: boolean;
	/** The first line with text, to tell prints apart when folded. */
	title: string;
	preview: ReceiptPreview;
}

const GS = 0x1d;

/** Byte offsets of a command: GS ( k … cn 49 fn 80 (QR store data) or GS V (cut). */
function offsets(bytes: Buffer, isCommand: (i: number) => boolean): number[] {
	const out: number[] = [];
	// GS never occurs inside GBK text (lead bytes are ≥ 0x81, trail bytes ≥ 0x40), so a match
	// is a command, not text that happens to look like one.
	for (let i = bytes.indexOf(GS); i !== -1; i = bytes.indexOf(GS, i + 1)) {
		if (isCommand(i)) out.push(i);
	}
	return out;
}

const isQrStore = (b: Buffer) => (i: number) =>
	b[i + 1] === 0x28 && b[i + 2] === 0x6b && b[i + 5] === 0x31 && b[i + 6] === 0x50;
const isQrSize = (b: Buffer) => (i: number) =>
	b[i + 1] === 0x28 && b[i + 2] === 0x6b && b[i + 5] === 0x31 && b[i + 6] === 0x43;
const isCut = (b: Buffer) => (i: number) => b[i + 1] === 0x56;

/**
 * The bytes as a ReceiptPreview, so the desk shows them on the same paper strip as a job's
 * preview. decodeReceipt() gives the text lines and QR payloads but not where each QR or cut
 * sat among the lines; that is learnt by decoding the bytes up to each command plus one
 * probe character: the lines before it, and the style (alignment) in force there.
 */
export function virtualPreview(bytes: Buffer): ReceiptPreview {
	const decoded = decodeReceipt(bytes);
	/** Lines (QR, cut) to put before decoded line `at`; decoded lines that are not lines of their own. */
	const marks: { at: number; line: PreviewLine }[] = [];
	const skip = new Set<number>();
	const sizes = offsets(bytes, isQrSize(bytes));
	for (const [n, offset] of offsets(bytes, isQrStore(bytes)).entries()) {
		const probe = decodeReceipt(Buffer.concat([bytes.subarray(0, offset), Buffer.from('X')]));
		const data = decoded.qr[n] ?? '';
		const align = probe.lines.at(-1)?.align ?? 'center';
		// GS ( k … 31 43 n, sent just before the data: the module size in dots.
		const sizeAt = sizes.filter((s) => s < offset).at(-1);
		const cellSize = (sizeAt === undefined ? undefined : bytes[sizeAt + 7]) || 3;
		const at = probe.lines.length - 1;
		marks.push({ at, line: { type: 'qr', data, cellSize, align } });
		// The line feed that ends the symbol is not a blank line of its own.
		if (decoded.lines[at]?.text === '') skip.add(at);
	}
	for (let offset of offsets(bytes, isCut(bytes))) {
		// ESC d n right before GS V feeds the print past the blade (the cutter sits above the
		// head): on the strip that is the cut itself, not n blank lines.
		const feed = bytes[offset - 3] === 0x1b && bytes[offset - 2] === 0x64 ? bytes[offset - 1]! : 0;
		if (feed) offset -= 3;
		const at = decodeReceipt(bytes.subarray(0, offset)).lines.length;
		for (let i = 0; i < feed; i++) skip.add(at + i);
		marks.push({ at, line: { type: 'cut' } });
	}
	// The paper is not in the bytes: a line wider than 58 mm's 32 columns means 80 mm.
	const wide = decoded.lines.some((l) => displayWidth(l.text) * Math.max(1, l.size) > 32);
	const paper: Paper = wide ? 80 : 58;
	const cols = PAPER_COLUMNS[paper];
	const lines: PreviewLine[] = [];
	decoded.lines.forEach((l, i) => {
		for (const m of marks) if (m.at === i) lines.push(m.line);
		if (skip.has(i)) return;
		const size = Math.min(4, Math.max(1, l.size)) as 1 | 2 | 3 | 4;
		lines.push({ type: 'text', ...l, size, cols: Math.floor(cols / size) });
	});
	for (const m of marks.filter((m) => m.at >= decoded.lines.length)) lines.push(m.line);
	return { paper, cols, lines };
}

/** The last `limit` prints of the virtual printer, newest first. */
export function virtualPrints(jobs: readonly VirtualJob[], limit: number): VirtualPrint[] {
	const seen = new Map<string, number>();
	return jobs
		.slice(-limit)
		.reverse()
		.map((j) => {
			const preview = virtualPreview(j.bytes);
			const base = `${j.receivedAt.getTime()}-${j.bytes.length}`;
			const n = seen.get(base) ?? 0;
			seen.set(base, n + 1);
			const first = preview.lines.find((l) => l.type === 'text' && l.text.trim());
			return {
				key: n ? `${base}-${n}` : base,
				receivedAt: j.receivedAt.toISOString(),
				bytes: j.bytes.length,
				complete: j.complete,
				title: first?.type === 'text' ? first.text.trim() : '',
				preview
			};
		});
}
