import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { TAR_END, readTar, tarHeader, tarPadding } from './tar';

/** The name of the manifest, the last entry of every backup archive. */
export const MANIFEST = 'foyer-backup.json';

/** What a backup holds: written last into the archive, checked first on restore. */
export interface Manifest {
	format: 'foyer-backup';
	version: 1;
	/** The Foyer version that made it. */
	foyer: string;
	createdAt: string;
	files: { path: string; size: number; sha256: string }[];
}

/** A backup that cannot be restored, or a target that must not be written; the message says why. */
export class RestoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RestoreError';
	}
}

/**
 * Writes the files of `folder` (each only up to its `size`) and then the manifest into a
 * .tar.gz at `file`, durably: `<file>.partial` first, fsync'd, then renamed, so a backup file
 * under its real name is always whole. Returns the manifest and the archive's size.
 */
export async function writeArchive(
	folder: string,
	files: { path: string; size: number }[],
	file: string,
	meta: { foyer: string; createdAt: Date }
): Promise<{ manifest: Manifest; bytes: number }> {
	const manifest: Manifest = {
		format: 'foyer-backup',
		version: 1,
		foyer: meta.foyer,
		createdAt: meta.createdAt.toISOString(),
		files: []
	};
	async function* entries(): AsyncGenerator<Buffer> {
		for (const f of files) {
			yield tarHeader(f.path, f.size, meta.createdAt);
			const hash = createHash('sha256');
			let read = 0;
			if (f.size > 0) {
				const stream = createReadStream(join(folder, f.path), { start: 0, end: f.size - 1 });
				for await (const chunk of stream as AsyncIterable<Buffer>) {
					hash.update(chunk);
					read += chunk.length;
					yield chunk;
				}
			}
			// A day log only grows; shorter than linked means the folder was changed behind Foyer.
			if (read !== f.size) throw new Error(`${f.path} shrank while it was being backed up`);
			yield tarPadding(f.size);
			manifest.files.push({ path: f.path, size: f.size, sha256: hash.digest('hex') });
		}
		const text = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
		yield tarHeader(MANIFEST, text.length, meta.createdAt);
		yield text;
		yield tarPadding(text.length);
		yield TAR_END;
	}
	const partial = `${file}.partial`;
	await mkdir(dirname(file), { recursive: true });
	try {
		// Mode 0600: the archive carries the payment keys of <DATA_DIR>/secrets/ (docs/backups.md).
		await pipeline(entries, createGzip({ level: 6 }), createWriteStream(partial, { mode: 0o600 }));
		await syncFile(partial);
		await rename(partial, file);
		await syncFile(dirname(file));
	} catch (e) {
		await rm(partial, { force: true });
		throw e;
	}
	return { manifest, bytes: (await stat(file)).size };
}

async function syncFile(path: string): Promise<void> {
	const handle = await open(path, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** A path from an archive that stays inside the folder it is unpacked into. */
function safePath(path: string): boolean {
	return (
		path.length > 0 &&
		!path.startsWith('/') &&
		!path.includes('\\') &&
		path.split('/').every((p) => p !== '' && p !== '.' && p !== '..')
	);
}

/**
 * Restores the backup `file` into `target`, which must not exist or be an empty folder. The
 * archive is unpacked beside the target first, every file's length and SHA-256 checked
 * against the manifest (and nothing extra or missing), and only then moved into place — so a
 * damaged archive leaves nothing behind. Throws RestoreError saying what is wrong.
 */
export async function restoreArchive(file: string, target: string): Promise<Manifest> {
	target = resolve(target);
	await refuseNonEmpty(target);
	const staging = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
	await rm(staging, { recursive: true, force: true });
	await mkdir(staging, { recursive: true });
	try {
		const found = new Map<string, { size: number; sha256: string }>();
		let manifest: Manifest | null = null;
		try {
			const gunzip = createReadStream(file).pipe(createGunzip());
			for await (const entry of readTar(gunzip as AsyncIterable<Buffer>)) {
				if (manifest) throw new RestoreError(`${file}: there is data after the manifest.`);
				if (entry.type !== '0' || !safePath(entry.path) || found.has(entry.path)) {
					throw new RestoreError(`${file}: unexpected entry "${entry.path}" — not a Foyer backup.`);
				}
				if (entry.path === MANIFEST) {
					const chunks: Buffer[] = [];
					for await (const c of entry.body) chunks.push(c);
					manifest = parseManifest(Buffer.concat(chunks).toString('utf8'), file);
					continue;
				}
				const out = join(staging, entry.path);
				await mkdir(dirname(out), { recursive: true });
				const hash = createHash('sha256');
				async function* hashed(): AsyncGenerator<Buffer> {
					for await (const c of entry.body) {
						hash.update(c);
						yield c;
					}
				}
				await pipeline(hashed, createWriteStream(out, { flush: true }));
				found.set(entry.path, { size: entry.size, sha256: hash.digest('hex') });
			}
		} catch (e) {
			if (e instanceof RestoreError) throw e;
			const why = e instanceof Error ? e.message : String(e);
			throw new RestoreError(
				`${file} is truncated or damaged (${why}); nothing was restored. Use an intact copy.`
			);
		}
		if (!manifest) {
			throw new RestoreError(`${file} has no manifest: it is truncated or not a Foyer backup.`);
		}
		checkAgainst(manifest, found, file);
		await refuseNonEmpty(target); // still empty after the unpacking?
		await rmdir(target).catch(() => {});
		await rename(staging, target);
		return manifest;
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
}

function parseManifest(text: string, file: string): Manifest {
	try {
		const m = JSON.parse(text) as Manifest;
		if (m.format === 'foyer-backup' && m.version === 1 && Array.isArray(m.files)) return m;
	} catch {
		// answered below
	}
	throw new RestoreError(`${file}: the manifest is unreadable — not a Foyer backup.`);
}

/** Every file the manifest lists, with its length and checksum, and nothing else. */
function checkAgainst(
	manifest: Manifest,
	found: Map<string, { size: number; sha256: string }>,
	file: string
): void {
	for (const f of manifest.files) {
		const got = found.get(f.path);
		if (!got) throw new RestoreError(`${file}: ${f.path} is listed in the manifest but missing.`);
		if (got.size !== f.size || got.sha256 !== f.sha256) {
			throw new RestoreError(
				`${file}: checksum mismatch for ${f.path} — the archive was altered or damaged; nothing was restored.`
			);
		}
	}
	if (found.size !== manifest.files.length) {
		const extra = [...found.keys()].find((p) => !manifest.files.some((f) => f.path === p));
		throw new RestoreError(`${file}: ${extra} is not listed in the manifest.`);
	}
}

async function refuseNonEmpty(target: string): Promise<void> {
	let names: string[];
	try {
		names = await readdir(target);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return;
		if (code === 'ENOTDIR') throw new RestoreError(`${target} is a file, not a folder.`);
		throw e;
	}
	if (names.length > 0) {
		throw new RestoreError(
			`${target} is not empty (${names.length} entries). Restore only into an empty or new data folder; nothing was changed.`
		);
	}
}
