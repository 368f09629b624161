import { open, readFile } from 'node:fs/promises';
import type { StoredRecord } from './contract';
import { StoreFileError, errorText, isNotFound } from './errors';

/**
 * One day's log file as read back: the last version of every record, in first-append order.
 *
 * The format is JSON Lines: each line is a whole record, and an update appends the record's
 * new version. `lines` counts every version on disk, so `lines > records.length` means the
 * file holds superseded versions that compaction can drop.
 */
export interface DayLogContent<T> {
	records: T[];
	/** Where each id sits in `records`. */
	index: Map<string, number>;
	lines: number;
	/** Length in bytes of the good part of the file: everything up to the last whole line. */
	bytes: number;
	/** Bytes of a torn last line found after the good part (0 when the file ended cleanly). */
	tornBytes: number;
	/** False when there is no file yet. */
	exists: boolean;
}

/** How one log file is read. */
export interface ReadLogOptions<T> {
	file: string;
	/** The day (YYYY-MM-DD) the file is for; every record's id must start with it. */
	day: string;
	/** Validates one record. */
	parse: (data: unknown) => T;
}

const NEWLINE = 0x0a;
const FIX_LINE =
	'Open it in a text editor, repair or remove that line (each line is one record), then start again; or restore it from a backup.';

/**
 * Reads a day's log; an empty log when the file does not exist. A torn last line is reported
 * in `tornBytes`, not thrown: a crash (or power cut) during an append can leave one, and that
 * append was never acknowledged, because a write is acknowledged only after its whole line,
 * newline included, is on disk. Anything else that does not read (a bad line that is not the
 * last one, a record that fails `parse`, a record of another day) throws StoreFileError naming
 * the file and line: that is damage, and guessing past it could lose or invent data.
 */
export async function readDayLog<T extends StoredRecord>(
	o: ReadLogOptions<T>
): Promise<DayLogContent<T>> {
	let buf: Buffer;
	try {
		buf = await readFile(o.file);
	} catch (e) {
		if (isNotFound(e))
			return { records: [], index: new Map(), lines: 0, bytes: 0, tornBytes: 0, exists: false };
		throw new StoreFileError(o.file, errorText(e));
	}
	// Bytes after the last newline are an append cut off mid-line.
	let good = buf.lastIndexOf(NEWLINE) + 1;
	const lines = buf.toString('utf8', 0, good).split('\n');
	lines.pop(); // what follows the last newline is handled above
	// A whole last line that is not JSON is torn as well (e.g. a power cut that kept the file's
	// new length but not all of its data).
	const last = lines.at(-1);
	if (good === buf.length && last !== undefined && !isJson(last)) {
		lines.pop();
		good -= Buffer.byteLength(last) + 1;
	}

	const records: T[] = [];
	const index = new Map<string, number>();
	const prefix = o.day.replaceAll('-', '') + '-';
	lines.forEach((line, i) => {
		const at = `line ${i + 1}`;
		let json: unknown;
		try {
			json = JSON.parse(line);
		} catch (e) {
			throw new StoreFileError(o.file, `${at} is not valid JSON (${errorText(e)})`, FIX_LINE);
		}
		let record: T;
		try {
			record = o.parse(json);
		} catch (e) {
			throw new StoreFileError(o.file, `${at}: unexpected content (${errorText(e)})`, FIX_LINE);
		}
		if (typeof record?.id !== 'string' || !record.id.startsWith(prefix)) {
			throw new StoreFileError(
				o.file,
				`${at}: record ${String(record?.id)} is not of ${o.day}`,
				FIX_LINE
			);
		}
		const known = index.get(record.id);
		if (known === undefined) index.set(record.id, records.push(record) - 1);
		else records[known] = record; // a later version: it wins, in the first one's place
	});
	return {
		records,
		index,
		lines: lines.length,
		bytes: good,
		tornBytes: buf.length - good,
		exists: true
	};
}

/**
 * Cuts a torn last line off a log, durably, so the next append starts on a line of its own
 * (appending after a torn line would glue a good record to garbage and lose both).
 */
export async function dropTornTail(file: string, bytes: number): Promise<void> {
	const handle = await open(file, 'r+');
	try {
		await handle.truncate(bytes);
		await handle.datasync();
	} finally {
		await handle.close();
	}
}

/** The text of a log holding exactly `records`, one line each. */
export function logText(records: readonly StoredRecord[]): string {
	let text = '';
	for (const r of records) text += JSON.stringify(r) + '\n';
	return text;
}

function isJson(line: string): boolean {
	try {
		JSON.parse(line);
		return true;
	} catch {
		return false;
	}
}
