import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FoyerError } from '$lib/domain/errors';

/** At most this many photos per report, each at most this big. */
export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Accepted by their first bytes, never by the name or the type the browser claims. */
const KINDS = [
	{ ext: 'jpg', type: 'image/jpeg', magic: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 },
	{
		ext: 'png',
		type: 'image/png',
		magic: (b: Buffer) => b.subarray(0, 4).toString('hex') === '89504e47'
	},
	{
		ext: 'webp',
		type: 'image/webp',
		magic: (b: Buffer) =>
			b.subarray(0, 4).toString() === 'RIFF' && b.subarray(8, 12).toString() === 'WEBP'
	}
] as const;

/**
 * Photos residents attach to a report from their phone, kept in the data folder beside the
 * store (`photos/<order id>/1.jpg`). Only staff pages serve them.
 */
export class PhotoStore {
	constructor(private readonly dir: string) {}

	/** Checks and stores the photos of one order; returns their file names. */
	async save(orderId: string, files: readonly File[]): Promise<string[]> {
		const real = files.filter((f) => f.size > 0);
		if (real.length > MAX_PHOTOS) throw new FoyerError('error.tooManyPhotos', { max: MAX_PHOTOS });
		const checked: { name: string; bytes: Buffer }[] = [];
		for (const [i, file] of real.entries()) {
			if (file.size > MAX_PHOTO_BYTES) throw new FoyerError('error.photoTooBig', { mb: 5 });
			const bytes = Buffer.from(await file.arrayBuffer());
			const kind = KINDS.find((k) => k.magic(bytes));
			if (!kind) throw new FoyerError('error.photoType');
			checked.push({ name: `${i + 1}.${kind.ext}`, bytes });
		}
		if (checked.length === 0) return [];
		const folder = join(this.dir, safe(orderId));
		await mkdir(folder, { recursive: true });
		for (const c of checked) await writeFile(join(folder, c.name), c.bytes, { flush: true });
		return checked.map((c) => c.name);
	}

	/** A stored photo and its content type, or null. */
	async read(orderId: string, name: string): Promise<{ bytes: Buffer; type: string } | null> {
		const kind = KINDS.find((k) => name === `${name.split('.')[0]}.${k.ext}`);
		if (!kind || !/^\d\.\w+$/.test(name)) return null;
		try {
			return { bytes: await readFile(join(this.dir, safe(orderId), name)), type: kind.type };
		} catch {
			return null;
		}
	}
}

/** Ids come from our own store, but a path is never built from anything unchecked. */
function safe(id: string): string {
	if (!/^[\w-]+$/.test(id)) throw new FoyerError('error.workOrderNotFound', {}, 404);
	return id;
}
