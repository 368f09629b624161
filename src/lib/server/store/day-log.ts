import { closeSync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoredRecord } from './contract';
import { replaceDurably } from './durable-file';
import {
	dropTornTail,
	logText,
	readDayLog,
	type DayLogContent,
	type ReadLogOptions
} from './log-file';
import { operational } from '../ops/operational';

interface Waiter {
	line: string;
	resolve: () => void;
	reject: (e: unknown) => void;
}

/** How a DayLog is loaded. */
export interface LoadDayLogOptions<T> extends ReadLogOptions<T> {
	/** Rewrite the file to one line per record if it holds superseded versions (a closed day). */
	compact: boolean;
}

/**
 * One day of a record log, in memory and on disk (`<collection>/<YYYY-MM-DD>.log`).
 *
 * A change is applied in memory at once (so the next change sees it) and its line is queued;
 * the caller's promise resolves only once that line is written and fdatasync'd (data and the
 * file's new length; timestamps need not survive a crash). Group commit: every line queued
 * before the write runs — all the requests the event loop took in since — goes out in that one
 * write + fdatasync, so N concurrent writers cost one disk flush, not N.
 *
 * The write and the fdatasync run on the main thread, as better-sqlite3 runs SQLite's, not on
 * libuv's thread pool. Measured on a busy 2-core machine, the pool's hand-offs (a wake-up of a
 * pool thread, then of the main thread, per call) put the p99 of an acknowledged write at up to
 * 1.65× SQLite's; on the main thread it stays within 0.8–1.15×. And the pool's 4 threads are
 * shared with password hashing (scrypt, hundreds of ms each), which a write must never queue
 * behind. The cost: the event loop waits for the disk during the write, a fraction of a
 * millisecond as a rule — the same as it would with SQLite.
 *
 * If a write fails, the log turns `failed`: every queued change is rejected and the file is
 * cut back to its last acknowledged length, so neither a half-written line nor a record its
 * caller was told had failed (a receipt number handed out twice) can surface later. The
 * collection then drops this object and reads the day again from disk. If even the cut fails,
 * the log is `broken` and the day refuses writes until a restart.
 */
export class DayLog<T extends StoredRecord> {
	readonly file: string;
	/** True when loading rewrote the file to drop superseded versions. */
	compacted = false;
	#records: T[];
	#index: Map<string, number>;
	/** Lines on disk (acknowledged), counting superseded versions. */
	#lines: number;
	/** Acknowledged length of the file: a failed write is cut back to it. */
	#size: number;
	#exists: boolean;
	/** Kept open while the day is in use: an open + close per write would double its cost. */
	#fd: number | null = null;
	#queue: Waiter[] = [];
	#scheduled = false;
	#state: 'ok' | 'failed' | 'broken' = 'ok';
	#syncs = 0;

	private constructor(file: string, content: DayLogContent<T>) {
		this.file = file;
		this.#records = content.records;
		this.#index = content.index;
		this.#lines = content.lines;
		this.#size = content.bytes;
		this.#exists = content.exists;
	}

	/** Reads a day (empty when it has no file yet), dropping a torn last line and compacting if asked. */
	static async load<T extends StoredRecord>(o: LoadDayLogOptions<T>): Promise<DayLog<T>> {
		const content = await readDayLog(o);
		if (content.tornBytes > 0) {
			await dropTornTail(o.file, content.bytes);
			operational(
				'warn',
				`Foyer: dropped a torn last line (${content.tornBytes} bytes) from ${o.file}: ` +
					`a write cut off by a crash before it was acknowledged.`
			);
		}
		const log = new DayLog(o.file, content);
		if (o.compact && content.lines > content.records.length) {
			await log.#compact();
			log.compacted = true;
		}
		return log;
	}

	/** 'ok'; 'failed' after a failed write (read the day again); 'broken' if it could not be undone. */
	get state(): 'ok' | 'failed' | 'broken' {
		return this.#state;
	}

	/** True when no write is queued. */
	get idle(): boolean {
		return this.#queue.length === 0;
	}

	/** Durable writes so far: with group commit, fewer than the changes written. */
	get syncs(): number {
		return this.#syncs;
	}

	/** Versions on disk that a later version replaced. */
	get superseded(): number {
		return this.#lines - this.#records.length;
	}

	get(id: string): T | undefined {
		const i = this.#index.get(id);
		return i === undefined ? undefined : this.#records[i];
	}

	/** The day's records in first-append order (a copy). */
	records(): T[] {
		return this.#records.slice();
	}

	/** Adds or replaces `record` now; resolves once its line is durable. */
	put(record: T): Promise<void> {
		if (this.#state !== 'ok') {
			return Promise.reject(new Error(`${this.file} is not accepting writes (${this.#state})`));
		}
		const i = this.#index.get(record.id);
		if (i === undefined) this.#index.set(record.id, this.#records.push(record) - 1);
		else this.#records[i] = record;
		return new Promise((resolve, reject) => {
			this.#queue.push({ line: JSON.stringify(record) + '\n', resolve, reject });
			if (!this.#scheduled) {
				// After the event loop's I/O phase: every request it took in joins this write.
				this.#scheduled = true;
				setImmediate(() => this.#commit());
			}
		});
	}

	/** Resolves when no write is queued. */
	async flush(): Promise<void> {
		while (this.#queue.length > 0) await new Promise((r) => setImmediate(r));
	}

	/** Waits for queued writes, then closes the file. */
	async close(): Promise<void> {
		await this.flush();
		const fd = this.#fd;
		this.#fd = null;
		if (fd !== null) closeSync(fd);
	}

	#commit(): void {
		this.#scheduled = false;
		const batch = this.#queue;
		this.#queue = [];
		if (batch.length === 0) return;
		try {
			this.#write(batch.map((w) => w.line).join(''));
			this.#lines += batch.length;
			for (const w of batch) w.resolve();
		} catch (e) {
			this.#fail(batch, e);
		}
	}

	#write(text: string): void {
		if (this.#fd === null) {
			this.#fd = openSync(this.file, 'a');
			if (!this.#exists) {
				// A new file's name is an entry in the folder: fsync the folder too, or the whole
				// file may be gone after a power cut even though its data was synced.
				const folder = openSync(dirname(this.file), 'r');
				try {
					fsyncSync(folder);
				} finally {
					closeSync(folder);
				}
				this.#exists = true;
			}
		}
		const buf = Buffer.from(text, 'utf8');
		for (let off = 0; off < buf.length;) off += writeSync(this.#fd, buf, off);
		fdatasyncSync(this.#fd);
		this.#syncs++;
		this.#size += buf.length;
	}

	#fail(batch: Waiter[], e: unknown): void {
		this.#state = 'failed';
		const fd = this.#fd;
		this.#fd = null;
		try {
			// Cut off whatever part of the batch reached the file: a later sync would otherwise
			// make it durable, and a restart would show records whose writers were told "failed".
			if (fd !== null) {
				ftruncateSync(fd, this.#size);
				fdatasyncSync(fd);
			}
		} catch (cut) {
			this.#state = 'broken';
			operational(
				'error',
				`Foyer: a write to ${this.file} failed and could not be undone (${String(cut)}); ` +
					`that day takes no more writes until Foyer restarts.`
			);
		}
		try {
			if (fd !== null) closeSync(fd);
		} catch {
			// Already failing; the write's own error is the one to report.
		}
		for (const w of batch) w.reject(e);
	}

	/** Rewrites the file to one line per record (only ever before the log is in use). */
	async #compact(): Promise<void> {
		const text = logText(this.#records);
		await replaceDurably(this.file, text);
		this.#lines = this.#records.length;
		this.#size = Buffer.byteLength(text);
	}
}
