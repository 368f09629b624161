import { linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One file of a snapshot: its path in the data folder and the length that belongs to it. */
export interface SnapshotFile {
	/** Relative to the data folder, with `/` separators (as it goes into an archive). */
	path: string;
	size: number;
}

/** The folder inside the data folder where a snapshot's hard links are kept while it is read. */
export const SNAPSHOT_FOLDER = '.snapshot';

/** Not data: the lock is this process's, temp files are writes not acknowledged yet. */
function skipped(rel: string, name: string): boolean {
	return (
		(rel === '' && (name === 'foyer.lock' || name === SNAPSHOT_FOLDER)) || name.endsWith('.tmp')
	);
}

/**
 * Links every file of the data folder `dir` into `dir/.snapshot/` and records its length, all
 * synchronously, so no write of this process lands in between (the caller has the document
 * writes held; see docs/store.md, "Backups"). A hard link keeps the file's content of this
 * instant even when the store later renames a new version over it (documents, compaction); a
 * day log is only appended to, so its first `size` bytes stay as they are.
 */
export function linkSnapshot(dir: string): { folder: string; files: SnapshotFile[] } {
	const folder = join(dir, SNAPSHOT_FOLDER);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder);
	const files: SnapshotFile[] = [];
	const walk = (rel: string) => {
		for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
			if (skipped(rel, entry.name)) continue;
			const path = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isDirectory()) {
				mkdirSync(join(folder, path));
				walk(path);
			} else if (entry.isFile()) {
				linkSync(join(dir, path), join(folder, path));
				files.push({ path, size: statSync(join(folder, path)).size });
			}
		}
	};
	walk('');
	return { folder, files };
}

/** Removes a snapshot's links (the data folder's files are untouched). */
export function dropSnapshot(dir: string): void {
	rmSync(join(dir, SNAPSHOT_FOLDER), { recursive: true, force: true });
}
