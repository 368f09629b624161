// `npm run backup`: one backup of the data folder (DATA_DIR, default data) to BACKUP_DIR
// (default: `backups` in the data folder's parent), whether or not Foyer is running.
// - Running: the server holds the folder's lock (foyer.lock), so this asks it, with SIGUSR2,
//   to take the backup itself (only the same user or root may signal it), and waits until
//   backups.json — written atomically by the server — records the attempt.
// - Stopped: opens the folder itself (taking the lock) and takes the backup.
// See docs/backups.md.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIfStale } from './start.js';

const root = new URL('..', import.meta.url).pathname;
const dataDir = resolve(process.env.DATA_DIR || 'data');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/** The pid of the live server holding the data folder, or null. */
function runningServer() {
	const lock = readJson(join(dataDir, 'foyer.lock'));
	if (!lock || typeof lock.pid !== 'number') return null;
	try {
		process.kill(lock.pid, 0);
		return lock.pid;
	} catch (e) {
		return e.code === 'EPERM' ? lock.pid : null;
	}
}

function describe(last) {
	return `${last.file} (${(last.bytes / 1024 / 1024).toFixed(2)} MB, ${last.files} files)`;
}

if (!existsSync(dataDir)) {
	console.error(`No data folder at ${dataDir}. Set DATA_DIR to the folder Foyer uses.`);
	process.exit(1);
}
const pid = runningServer();
if (pid) {
	const statusFile = join(dataDir, 'backups.json');
	const before = readJson(statusFile)?.lastAttempt?.at ?? null;
	try {
		process.kill(pid, 'SIGUSR2');
	} catch (e) {
		console.error(`Foyer (pid ${pid}) is running but could not be asked: ${e.message}`);
		console.error('Run this as the same user as the server.');
		process.exit(1);
	}
	console.log(`Asked the running Foyer (pid ${pid}) for a backup…`);
	const deadline = Date.now() + 30 * 60_000;
	for (;;) {
		const status = readJson(statusFile);
		const attempt = status?.lastAttempt;
		if (attempt && attempt.at !== before) {
			if (attempt.ok) {
				console.log(`Backup written: ${describe(status.last)}`);
				process.exit(0);
			}
			console.error(`The backup failed: ${attempt.error}`);
			process.exit(1);
		}
		if (Date.now() > deadline) {
			console.error('No answer from the server after 30 minutes; see its log.');
			process.exit(1);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
} else {
	buildIfStale();
	const { backupStopped } = await import(join(root, 'build/foyer/main.js'));
	try {
		const last = await backupStopped({
			dataDir,
			backupDir: process.env.BACKUP_DIR,
			keep: process.env.BACKUP_KEEP ? Number(process.env.BACKUP_KEEP) : undefined,
			version
		});
		console.log(`Backup written: ${describe(last)}`);
	} catch (e) {
		console.error(`The backup failed: ${e instanceof Error ? e.message : e}`);
		process.exit(1);
	}
}
