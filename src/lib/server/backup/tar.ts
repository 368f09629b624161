/**
 * Just enough of the POSIX tar format (ustar) to write a backup and read it back: regular
 * files only, names up to 255 bytes. Written by hand rather than with a library because that
 * is all a backup needs (about 100 lines, no dependency), and the result is a plain .tar.gz
 * that `tar -tzf` can list and unpack on any machine.
 */

const BLOCK = 512;

/** Zeros that end an archive (two empty blocks). */
export const TAR_END = Buffer.alloc(BLOCK * 2);

function octal(value: number, width: number): string {
	return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes). */
function splitName(path: string): { prefix: string; name: string } {
	if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
	for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
		const prefix = path.slice(0, i);
		const name = path.slice(i + 1);
		if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
	}
	throw new Error(`The path ${path} is too long for a backup archive.`);
}

/** The 512-byte header of a regular file. */
export function tarHeader(path: string, size: number, mtime: Date): Buffer {
	const h = Buffer.alloc(BLOCK);
	const { prefix, name } = splitName(path);
	h.write(name, 0, 100, 'utf8');
	h.write(octal(0o644, 8), 100, 'ascii');
	h.write(octal(0, 8), 108, 'ascii');
	h.write(octal(0, 8), 116, 'ascii');
	h.write(octal(size, 12), 124, 'ascii');
	h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
	h.write('        ', 148, 'ascii'); // the checksum is computed with spaces in its place
	h.write('0', 156, 'ascii');
	h.write('ustar\0' + '00', 257, 'ascii');
	h.write(prefix, 345, 155, 'utf8');
	let sum = 0;
	for (const byte of h) sum += byte;
	h.write(octal(sum, 7) + ' ', 148, 'ascii');
	return h;
}

/** Zero bytes that pad a file's content to a whole block. */
export function tarPadding(size: number): Buffer {
	return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A header read back: null at the end of the archive. Throws when the header is damaged. */
export function readTarHeader(h: Buffer): { path: string; size: number; type: string } | null {
	if (h.every((b) => b === 0)) return null;
	const text = (start: number, length: number) =>
		h
			.subarray(start, start + length)
			.toString('utf8')
			.replace(/\0.*$/s, '');
	let sum = 0;
	for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
	if (parseInt(text(148, 8).trim(), 8) !== sum) throw new Error('damaged header');
	const prefix = text(345, 155);
	const name = text(0, 100);
	return {
		path: prefix ? `${prefix}/${name}` : name,
		size: parseInt(text(124, 12).trim(), 8),
		type: text(156, 1) || '0'
	};
}

/** Reads an archive's blocks from a stream of chunks: yields each file's path, size and chunks. */
export async function* readTar(
	chunks: AsyncIterable<Buffer>
): AsyncGenerator<{ path: string; size: number; type: string; body: AsyncGenerator<Buffer> }> {
	const it = chunks[Symbol.asyncIterator]();
	let buffered: Buffer = Buffer.alloc(0);
	/** Exactly n bytes, or fewer when the stream ends first. */
	async function take(n: number): Promise<Buffer> {
		while (buffered.length < n) {
			const next = await it.next();
			if (next.done) break;
			buffered = buffered.length ? Buffer.concat([buffered, next.value]) : next.value;
		}
		const out = buffered.subarray(0, n);
		buffered = buffered.subarray(out.length);
		return out;
	}
	for (;;) {
		const block = await take(BLOCK);
		if (block.length < BLOCK) throw new Error('truncated');
		const header = readTarHeader(block);
		if (!header) return;
		let left = header.size;
		async function* body(): AsyncGenerator<Buffer> {
			while (left > 0) {
				const part = await take(Math.min(left, 1 << 20));
				if (part.length === 0) throw new Error('truncated');
				left -= part.length;
				yield part;
			}
		}
		const b = body();
		yield { ...header, body: b };
		for await (const rest of b) void rest; // whatever the reader left unread
		const pad = await take(tarPadding(header.size).length);
		if (pad.length < tarPadding(header.size).length) throw new Error('truncated');
	}
}
