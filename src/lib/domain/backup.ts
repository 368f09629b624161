/**
 * When backups are due and when the desk must warn about them. Pure: the service passes the
 * clock's instant and what it knows of the last attempts.
 */

/** What the desk knows about backups. */
export interface BackupStatus {
	/** The last backup that was written whole. */
	last: { file: string; at: string; bytes: number; files: number } | null;
	/** The last attempt, successful or not. */
	lastAttempt: { at: string; ok: boolean; error?: string } | null;
}

const HOUR = 3_600_000;
/** A daily backup: due a day after the last attempt that worked. */
export const BACKUP_EVERY_MS = 24 * HOUR;
/** A failed attempt is tried again an hour later, not a day. */
export const BACKUP_RETRY_MS = HOUR;
/** The desk warns when the last backup is older than this. */
export const BACKUP_STALE_MS = 48 * HOUR;

/** True when the scheduler should take a backup now. */
export function backupDue(now: Date, status: BackupStatus): boolean {
	const t = now.getTime();
	const attempt = status.lastAttempt;
	if (attempt && !attempt.ok && t - Date.parse(attempt.at) < BACKUP_RETRY_MS) return false;
	if (!status.last) return true;
	return t - Date.parse(status.last.at) >= BACKUP_EVERY_MS;
}

/** Why the desk should warn, or null: no backup yet, the last is older than two days, or the last attempt failed. */
export function backupWarning(now: Date, status: BackupStatus): 'none' | 'stale' | 'failed' | null {
	if (status.lastAttempt && !status.lastAttempt.ok) return 'failed';
	if (!status.last) return 'none';
	return now.getTime() - Date.parse(status.last.at) > BACKUP_STALE_MS ? 'stale' : null;
}

/** The archive's file name for a backup made at `at`: sortable, UTC, safe on every system. */
export function backupFileName(at: Date): string {
	const stamp = at
		.toISOString()
		.replace(/\.\d+Z$/, 'Z')
		.replace(/:/g, '');
	return `foyer-${stamp}.tar.gz`;
}

/** Matches the names backupFileName makes (and only those are pruned by retention). */
export const BACKUP_FILE = /^foyer-\d{4}-\d{2}-\d{2}T\d{6}Z\.tar\.gz$/;

/** Of the backup file names given, the ones to delete so that the newest `keep` remain. */
export function backupsToPrune(names: string[], keep: number): string[] {
	const ours = names.filter((n) => BACKUP_FILE.test(n)).sort();
	return ours.slice(0, Math.max(0, ours.length - Math.max(1, keep)));
}
