import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { syncFolder } from '../durable-file';
import type { StoredRecord } from '../contract';
import type { Store } from '../store';
import { TransferError } from './errors';

/** One piece of a site as it is moved: a whole document, or one day of one record log. */
export type SiteItem =
	| { kind: 'document'; name: string; data: unknown }
	| { kind: 'collection'; name: string }
	| { kind: 'day'; collection: string; day: string; records: StoredRecord[] };

/** What a data folder holds: store data (documents, record logs) and files that are not. */
export interface FolderLayout {
	documents: string[];
	collections: string[];
	/** Top-level entries that are not store data (`photos/`, `secrets/`): they stay files. */
	files: string[];
}

/** A name the store may use for a document or a collection (it becomes a file or folder name). */
export const STORE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** What may sit in a record log's folder: day logs, day files of the old format, their leftovers. */
const DAY_ENTRY = /^\d{4}-\d{2}-\d{2}\.(log|json)(\.tmp|\.prev)?$/;
/** Folders the server keeps files in, never records, even while they are empty. */
const FILE_FOLDERS = new Set(['photos', 'secrets']);

/**
 * Reads what a data folder holds, without opening it: every top-level `<name>.json` is a
 * document, every folder holding only day logs is a record log (discovered, not listed in the
 * code, so a collection added later moves too), anything else is a file to copy. Hidden entries
 * (`.snapshot`, a log's `.migrated`) and the lock are the store's own.
 */
export async function folderLayout(dir: string): Promise<FolderLayout> {
	const documents = new Set<string>();
	const collections: string[] = [];
	const files: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const name = entry.name;
		if (name.startsWith('.') || name === 'foyer.lock') continue;
		if (entry.isDirectory()) {
			const inside = (await readdir(join(dir, name))).filter((n) => !n.startsWith('.'));
			const isLog = !FILE_FOLDERS.has(name) && inside.every((n) => DAY_ENTRY.test(n));
			if (isLog && STORE_NAME.test(name)) collections.push(name);
			else files.push(`${name}/`);
			continue;
		}
		// A document is `<name>.json`, or only its `.prev` after a crash between two renames.
		const doc = /^(.+)\.json(\.prev|\.tmp)?$/.exec(name);
		if (doc?.[1] && STORE_NAME.test(doc[1])) {
			if (doc[2] !== '.tmp') documents.add(doc[1]);
		} else files.push(name);
	}
	return { documents: [...documents].sort(), collections: collections.sort(), files: files.sort() };
}

/** A record as the store hands it back: it must at least have its id and time. */
function asRecord(d: unknown): StoredRecord {
	const r = d as Partial<StoredRecord> | null;
	if (!r || typeof r !== 'object' || typeof r.id !== 'string' || typeof r.at !== 'string')
		throw new Error('a record without a string id and at');
	return d as StoredRecord;
}

/**
 * Every document, then every record log day by day (oldest first, records in append order), of
 * a data folder opened as a Store: its own reading rules apply (torn last lines, day files of
 * the old format, a record filed under the wrong day), so what is moved is what a server reads.
 */
export async function* readFolder(store: Store, layout: FolderLayout): AsyncGenerator<SiteItem> {
	for (const name of layout.documents) {
		// null stands for "no such file" (lowdb needs a default); a document is never null.
		const doc = await store.doc<unknown>(name, { defaults: null, parse: (d) => d });
		if (doc.data !== null) yield { kind: 'document', name, data: doc.data };
	}
	for (const name of layout.collections) {
		yield { kind: 'collection', name };
		const log = await store.collection(name, asRecord);
		for (const day of log.days()) {
			yield { kind: 'day', collection: name, day, records: await log.list(day, day) };
		}
	}
}

/**
 * Writes a site into an empty folder in the embedded store's format (docs/store.md, "On
 * disk"): `<name>.json` per document, `<collection>/<day>.log` with one JSON record per line in
 * append order. Every file is flushed to disk as it is written and every folder synced at the
 * end. Days of one collection may arrive in several pieces (the database is read in pages).
 */
export async function writeFolder(dir: string, items: AsyncIterable<SiteItem>): Promise<void> {
	const folders = new Set<string>([dir]);
	/** The day file being gathered: written whole once its last record has come. */
	const open = { file: '', lines: [] as string[] };
	const flushDay = async () => {
		if (open.lines.length) await writeFile(open.file, open.lines.join(''), { flush: true });
		open.file = '';
		open.lines = [];
	};
	for await (const item of items) {
		if (item.kind === 'document') {
			checkName(item.name);
			await writeFile(join(dir, `${item.name}.json`), JSON.stringify(item.data), {
				flush: true
			});
		} else if (item.kind === 'collection') {
			checkName(item.name);
			await flushDay();
			await mkdir(join(dir, item.name), { recursive: true });
			folders.add(join(dir, item.name));
		} else {
			const file = join(dir, item.collection, `${item.day}.log`);
			if (open.file !== file) {
				await flushDay();
				open.file = file;
			}
			for (const r of item.records) open.lines.push(JSON.stringify(r) + '\n');
		}
	}
	await flushDay();
	for (const f of folders) await syncFolder(f);
}

function checkName(name: string): void {
	if (!STORE_NAME.test(name)) throw new TransferError(`"${name}" is not a store name Foyer uses`);
}
