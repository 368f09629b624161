import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredRecord } from './contract';
import { DurableJSONFile, replaceDurably, syncFolder } from './durable-file';
import { StoreFileError } from './errors';
import { logText, readDayLog } from './log-file';

/**
 * The format before day logs: `<day>.json` = {"day", "records": [...]}, rewritten whole on
 * every write, with `<day>.json.prev` (the last good copy, alone when a crash fell between the
 * two renames of a write) and `<day>.json.tmp` (a write that never finished).
 */
const OLD_DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json(\.prev|\.tmp)?$/;

/** Where migrated files go, inside the collection's folder. */
export const MIGRATED_FOLDER = '.migrated';

/** True for a file name of the old day-file format. */
export function isOldDayFile(name: string): boolean {
	return OLD_DAY_FILE.test(name);
}

/**
 * Turns every old-format day file in `dir` into a day log, never losing a record on the way:
 * for each day, the log is written and fsync'd, read back and compared with the old records,
 * and only then are the old files moved (not deleted) into `<dir>/.migrated/`. A crash at any
 * point leaves the old file in place, so the next start simply does that day again. A day that
 * already has a log beside its old file (a crash after the log was written) is checked the
 * same way: a log equal to the old records is kept; a different one stops start-up, since
 * guessing which is right could lose data.
 */
export async function migrateDayFiles<T extends StoredRecord>(o: {
	dir: string;
	/** The folder's file names, as listed. */
	names: string[];
	parse: (data: unknown) => T;
}): Promise<void> {
	const byDay = new Map<string, string[]>();
	for (const name of o.names) {
		const day = OLD_DAY_FILE.exec(name)?.[1];
		if (day) byDay.set(day, [...(byDay.get(day) ?? []), name]);
	}
	const aside = join(o.dir, MIGRATED_FOLDER);
	await mkdir(aside, { recursive: true });
	let records = 0;
	for (const [day, names] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
		records += await migrateDay({ ...o, day });
		// .prev before .json: were .json moved first and the process killed, the next start
		// would take the older .prev for the day's content and find the log "different".
		for (const suffix of ['.json.tmp', '.json.prev', '.json']) {
			const name = `${day}${suffix}`;
			if (!names.includes(name)) continue;
			await rename(join(o.dir, name), join(aside, name));
			// Both folders, each time: a rename is durable only once its folders are synced.
			await syncFolder(aside);
			await syncFolder(o.dir);
		}
	}
	console.info(
		`Foyer: migrated ${records} records in ${byDay.size} day files of ${o.dir} to ` +
			`append-only day logs (<day>.log). The old files are kept in ${aside}; ` +
			`remove them once you are satisfied.`
	);
}

/** Writes and verifies one day's log from its old file; returns how many records it holds. */
async function migrateDay<T extends StoredRecord>(o: {
	dir: string;
	day: string;
	parse: (data: unknown) => T;
}): Promise<number> {
	const file = join(o.dir, `${o.day}.json`);
	// Reads `<day>.json`, or `<day>.json.prev` when only that is left; null when neither is
	// (only a `.tmp`, which was never acknowledged). Throws StoreFileError when unreadable.
	const old = await new DurableJSONFile<T[]>(file, {
		parse: (data) => {
			const f = data as { day?: unknown; records?: unknown };
			if (f?.day !== o.day || !Array.isArray(f.records)) throw new Error('not a day file');
			return f.records.map(o.parse);
		}
	}).read();
	if (!old) return 0;

	const log = join(o.dir, `${o.day}.log`);
	const read = () => readDayLog({ file: log, day: o.day, parse: o.parse });
	const existing = await read();
	if (existing.exists && !sameRecords(existing.records, old)) {
		throw new StoreFileError(
			log,
			`it holds other records than ${file}, the same day in the old format`,
			`Foyer moves an old day file aside only after its log reads back equal, so this is not ` +
				`a crash mid-migration. Keep the right one, move the other out of the folder, start again.`
		);
	}
	if (!existing.exists) {
		await replaceDurably(log, logText(old));
		const back = await read();
		if (back.tornBytes > 0 || !sameRecords(back.records, old)) {
			throw new StoreFileError(
				log,
				`it did not read back equal to ${file} after migration`,
				`${file} is untouched; move ${log} out of the folder and start again.`
			);
		}
	}
	return old.length;
}

function sameRecords(a: unknown[], b: unknown[]): boolean {
	return a.length === b.length && a.every((r, i) => JSON.stringify(r) === JSON.stringify(b[i]));
}
