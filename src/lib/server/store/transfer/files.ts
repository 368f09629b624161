import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isNotFound } from '../errors';
import { TransferError } from './errors';

/**
 * Files the server keeps in DATA_DIR that are not store data: work-order photos
 * (`photos/<order id>/…`) and the payment providers' keys (`secrets/payments.json`). The
 * PostgreSQL edition still reads them from its own DATA_DIR, so a move copies them there.
 */
export interface FileCopy {
	from: string;
	to: string;
	/** Paths relative to the folders. */
	files: string[];
}

/** Every file below `entry` (a file, or a folder ending in `/`), relative to `root`. */
async function filesBelow(root: string, entry: string): Promise<string[]> {
	const path = join(root, entry);
	const s = await stat(path);
	if (!s.isDirectory()) return [entry.replace(/\/$/, '')];
	const out: string[] = [];
	for (const name of (await readdir(path)).sort()) {
		const rel = join(entry, name);
		out.push(
			...(await filesBelow(root, (await stat(join(root, rel))).isDirectory() ? `${rel}/` : rel))
		);
	}
	return out;
}

/**
 * Plans copying `entries` of `from` into `to`, and refuses — before anything is moved — when a
 * file of the same name is already there with other content (two sites' payment keys in one
 * DATA_DIR, say): overwriting it would silently change another site. Identical files are skipped.
 */
export async function planCopy(
	from: string,
	to: string,
	entries: string[],
	keep: (file: string) => boolean = () => true
): Promise<FileCopy> {
	const files: string[] = [];
	for (const entry of entries) {
		for (const file of await filesBelow(from, entry)) {
			if (!keep(file)) continue;
			const there = await readFile(join(to, file)).catch((e: unknown) => {
				if (isNotFound(e)) return null;
				throw e;
			});
			if (there === null) files.push(file);
			else if (!there.equals(await readFile(join(from, file))))
				throw new TransferError(
					`${join(to, file)} already exists with other content; nothing was changed. Move it away or choose another folder`
				);
		}
	}
	return { from, to, files };
}

/** Copies the planned files, keeping their permissions (the keys are readable by their owner only). */
export async function copyPlanned(plan: FileCopy): Promise<void> {
	for (const file of plan.files) {
		const target = join(plan.to, file);
		const mode = (await stat(dirname(join(plan.from, file)))).mode & 0o777;
		await mkdir(dirname(target), { recursive: true, mode });
		await copyFile(join(plan.from, file), target);
	}
}
