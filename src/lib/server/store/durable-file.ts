import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreFileError, errorText, isNotFound } from './errors';
import type { WriteGate } from './gate';

export { StoreFileError, isNotFound } from './errors';

export interface DurableFileOptions<T> {
	/** Validates what is read from disk; throw to reject it. */
	parse?: (data: unknown) => T;
	/** Writes pass through this gate, which a backup holds while it takes its snapshot. */
	gate?: WriteGate;
}

/**
 * A lowdb adapter that acknowledges a write only once it would survive a power cut.
 *
 * lowdb's own TextFile writer is atomic (temp file + rename) but never fsyncs, so an
 * acknowledged write can vanish on power loss. Here a write goes:
 *   1. data → `<file>.tmp`, fsync the temp file;
 *   2. `<file>` → `<file>.prev` (the last good copy stays on disk);
 *   3. `<file>.tmp` → `<file>`;
 *   4. fsync the folder, or the renames themselves may not survive a crash.
 * Writes to one file are serialised; writes that queue up behind a running one are coalesced
 * into a single write of the latest data (group commit), and each caller resolves only once
 * a write that includes its data is durable.
 */
export class DurableJSONFile<T> implements Adapter<T> {
	readonly #file: string;
	readonly #parse: (data: unknown) => T;
	readonly #gate: WriteGate | undefined;
	#running: Promise<void> | null = null;
	#pending: { data: T; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | null =
		null;

	constructor(file: string, options: DurableFileOptions<T> = {}) {
		this.#file = file;
		this.#parse = options.parse ?? ((d) => d as T);
		this.#gate = options.gate;
	}

	get file(): string {
		return this.#file;
	}

	/** Reads the file; null when it does not exist yet. Throws StoreFileError when it is unreadable. */
	async read(): Promise<T | null> {
		let text: string;
		try {
			text = await readFile(this.#file, 'utf8');
		} catch (e) {
			if (!isNotFound(e)) throw new StoreFileError(this.#file, errorText(e));
			// A crash between steps 2 and 3 of a write leaves only the previous copy, which is
			// exactly the last acknowledged state.
			try {
				text = await readFile(this.#file + '.prev', 'utf8');
			} catch (e2) {
				if (isNotFound(e2)) return null;
				throw new StoreFileError(this.#file + '.prev', errorText(e2));
			}
		}
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch (e) {
			throw new StoreFileError(this.#file, `not valid JSON (${errorText(e)})`);
		}
		try {
			return this.#parse(json);
		} catch (e) {
			throw new StoreFileError(this.#file, `unexpected content (${errorText(e)})`);
		}
	}

	/** Resolves once `data` (or later data) is durably on disk. */
	write(data: T): Promise<void> {
		return new Promise((resolve, reject) => {
			if (this.#pending) {
				this.#pending.data = data;
				this.#pending.waiters.push({ resolve, reject });
			} else {
				this.#pending = { data, waiters: [{ resolve, reject }] };
			}
			if (!this.#running) this.#running = this.#drain();
		});
	}

	/** True when no write is running or queued. */
	get idle(): boolean {
		return this.#running === null;
	}

	/** Resolves when no write is running or queued. */
	async flush(): Promise<void> {
		while (this.#running) await this.#running;
	}

	async #drain(): Promise<void> {
		while (this.#pending) {
			const batch = this.#pending;
			this.#pending = null;
			try {
				const text = JSON.stringify(batch.data);
				const write = () => writeDurably(this.#file, text);
				await (this.#gate ? this.#gate.pass(write) : write());
				for (const w of batch.waiters) w.resolve();
			} catch (e) {
				for (const w of batch.waiters) w.reject(e);
			}
		}
		this.#running = null;
	}
}

/**
 * Replaces `file` by `text` so that after it resolves the new content survives a crash or power
 * cut, keeping the previous content as `<file>.prev` (the last good copy a person can fall back
 * on if the new one is ever unreadable).
 */
export async function writeDurably(file: string, text: string): Promise<void> {
	const tmp = file + '.tmp';
	await writeSynced(tmp, text);
	try {
		await rename(file, file + '.prev');
	} catch (e) {
		if (!isNotFound(e)) {
			await unlink(tmp).catch(() => {});
			throw e;
		}
	}
	await rename(tmp, file);
	await syncFolder(dirname(file));
}

/** Writes `text` to a new `file` and fsyncs it (not yet its folder). */
async function writeSynced(file: string, text: string): Promise<void> {
	const handle = await open(file, 'w');
	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** fsync a folder so that entries created or renamed in it are durable. */
export async function syncFolder(folder: string): Promise<void> {
	const handle = await open(folder, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/**
 * Replaces `file` by `text` durably, without keeping a `.prev` copy: for files that are only
 * ever rewritten from content already durable elsewhere (a compacted log, a migrated day), where
 * a crash before the rename simply leaves the old file in place.
 */
export async function replaceDurably(file: string, text: string): Promise<void> {
	const tmp = file + '.tmp';
	await writeSynced(tmp, text);
	await rename(tmp, file);
	await syncFolder(dirname(file));
}
