import { open, readFile, unlink } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isNotFound, syncFolder } from './durable-file';

/** Another live Foyer server holds the data folder. */
export class StoreLockedError extends Error {
	constructor(
		readonly dir: string,
		readonly pid: number
	) {
		super(
			`Another Foyer server (pid ${pid}) is already using the data folder ${dir}. ` +
				`Stop it first, or start this one with a different DATA_DIR.`
		);
		this.name = 'StoreLockedError';
	}
}

interface LockInfo {
	pid: number;
	host: string;
	since: string;
}

/**
 * Takes the single-writer lock on a data folder: `foyer.lock` created exclusively. A lock left
 * behind by a server that died (SIGKILL, power cut) is taken over when its process is gone.
 * Returns the release function.
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
	const file = join(dir, 'foyer.lock');
	const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const handle = await open(file, 'wx');
			await handle.writeFile(JSON.stringify(mine));
			await handle.sync();
			await handle.close();
			await syncFolder(dir);
			return async () => {
				// Only our own lock: a server that took over a stale one keeps it.
				if ((await readLock(file))?.pid === mine.pid) await unlink(file).catch(() => {});
			};
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		const held = await readLock(file);
		if (held && held.host === mine.host && isFoyerAlive(held.pid) && held.pid !== process.pid) {
			throw new StoreLockedError(dir, held.pid);
		}
		// Stale: its owner is gone. Remove and try again (another starter may race us; the
		// exclusive create decides).
		await unlink(file).catch((e2: unknown) => {
			if (!isNotFound(e2)) throw e2;
		});
	}
	throw new Error(`Could not take the lock on ${dir}`);
}

async function readLock(file: string): Promise<LockInfo | null> {
	try {
		const info = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>;
		if (typeof info.pid !== 'number') return null;
		return { pid: info.pid, host: info.host ?? '', since: info.since ?? '' };
	} catch {
		// Empty or torn lock file: its writer died while creating it.
		return null;
	}
}

/** A live process with that pid that is a Node process (pids are reused after a crash). */
function isFoyerAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	try {
		// On Linux, make sure the pid was not reused by something else after a crash.
		// Synchronous on purpose: start-up only, one tiny file.
		return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
	} catch {
		return true; // no /proc: trust the pid
	}
}
