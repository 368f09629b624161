import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import type { StoredRecord } from './contract';
import { StoreFileError } from './errors';
import { logText } from './log-file';
import { MIGRATED_FOLDER } from './migrate';
import { EmbeddedRecordLog } from './record-log';
import { Store } from './store';

interface Note extends StoredRecord {
	text: string;
}

function parseNote(d: unknown): Note {
	const r = d as Note;
	if (typeof r?.id !== 'string' || typeof r.at !== 'string' || typeof r.text !== 'string') {
		throw new Error('not a note');
	}
	return r;
}

const note = (day: string, i: number): Note => ({
	id: `${day.replaceAll('-', '')}-n${i}`,
	at: `${day}T02:00:00.000Z`,
	text: `note ${i} of ${day}`
});
const oldFile = (day: string, records: Note[]) => JSON.stringify({ day, records });

let root: string;
let dir: string;
const clock = new ManualClock('2026-01-07T04:00:00Z');
const open = () =>
	EmbeddedRecordLog.open<Note>({ dir, clock, timeZone: () => 'Asia/Shanghai', parse: parseNote });

beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'foyer-migrate-'));
	dir = join(root, 'notes');
	await mkdir(dir);
});

afterEach(async () => {
	vi.restoreAllMocks();
	await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

describe('migration from day files', () => {
	it('turns old day files (also a day left only as .prev by a crash) into logs, keeps the old files aside and says so', async () => {
		const d5 = [note('2026-01-05', 1), note('2026-01-05', 2)];
		const d6prev = [note('2026-01-06', 1)];
		await writeFile(join(dir, '2026-01-05.json'), oldFile('2026-01-05', d5));
		await writeFile(join(dir, '2026-01-05.json.prev'), oldFile('2026-01-05', d5.slice(0, 1)));
		// A crash between the two renames of a write: only the last good copy, plus the unfinished write.
		await writeFile(join(dir, '2026-01-06.json.prev'), oldFile('2026-01-06', d6prev));
		await writeFile(join(dir, '2026-01-06.json.tmp'), '{"day":"2026-01-06","rec');
		const info = vi.spyOn(console, 'info').mockImplementation(() => {});

		const c = await open();

		expect(c.days()).toEqual(['2026-01-05', '2026-01-06']);
		expect(await c.list()).toEqual([...d5, ...d6prev]);
		expect((await readdir(dir)).sort()).toEqual(['.migrated', '2026-01-05.log', '2026-01-06.log']);
		expect(await readFile(join(dir, '2026-01-05.log'), 'utf8')).toBe(logText(d5));
		// The old files are all kept, byte for byte.
		const aside = join(dir, MIGRATED_FOLDER);
		expect((await readdir(aside)).sort()).toEqual([
			'2026-01-05.json',
			'2026-01-05.json.prev',
			'2026-01-06.json.prev',
			'2026-01-06.json.tmp'
		]);
		expect(await readFile(join(aside, '2026-01-05.json'), 'utf8')).toBe(oldFile('2026-01-05', d5));
		expect(info).toHaveBeenCalledTimes(1);
		expect(String(info.mock.calls[0]?.[0])).toMatch(/migrated 3 records in 2 day files/);
		expect(String(info.mock.calls[0]?.[0])).toContain(aside);

		// Migrated once: the next start finds nothing to do and says nothing.
		const again = await open();
		expect(await again.list()).toEqual([...d5, ...d6prev]);
		expect(info).toHaveBeenCalledTimes(1);
	});

	it('a crash after the log was written but before the old file moved: the log is verified and kept', async () => {
		vi.spyOn(console, 'info').mockImplementation(() => {});
		const d5 = [note('2026-01-05', 1), note('2026-01-05', 2)];
		await writeFile(join(dir, '2026-01-05.json'), oldFile('2026-01-05', d5));
		await writeFile(join(dir, '2026-01-05.log'), logText(d5));

		const c = await open();
		expect(await c.list()).toEqual(d5);
		expect(await readdir(join(dir, MIGRATED_FOLDER))).toEqual(['2026-01-05.json']);
		const added = await c.append({ text: 'after migration' });
		await c.close();
		expect(await (await open()).list()).toEqual([...d5, added]);
	});

	it('refuses to start when a day has a log and an old file that differ, moving nothing', async () => {
		const d5 = [note('2026-01-05', 1), note('2026-01-05', 2)];
		await writeFile(join(dir, '2026-01-05.json'), oldFile('2026-01-05', d5));
		await writeFile(join(dir, '2026-01-05.log'), logText(d5.slice(1)));

		const error = await open().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(join(dir, '2026-01-05.log'));
		expect((error as Error).message).toContain(join(dir, '2026-01-05.json'));
		expect((await readdir(dir)).sort()).toEqual(['.migrated', '2026-01-05.json', '2026-01-05.log']);
		expect(await readFile(join(dir, '2026-01-05.log'), 'utf8')).toBe(logText(d5.slice(1)));
	});

	it('refuses an unreadable old file or an invalid record in one, naming it, and leaves it in place', async () => {
		await writeFile(join(dir, '2026-01-05.json'), '{"day":"2026-01-05","records":[{"id"');
		let error = await open().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(join(dir, '2026-01-05.json'));

		const bad = { ...note('2026-01-05', 1), text: 42 };
		await writeFile(
			join(dir, '2026-01-05.json'),
			JSON.stringify({ day: '2026-01-05', records: [bad] })
		);
		error = await open().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(join(dir, '2026-01-05.json'));

		// A file whose content belongs to another day.
		await writeFile(join(dir, '2026-01-05.json'), oldFile('2026-01-04', []));
		await expect(open()).rejects.toBeInstanceOf(StoreFileError);
		expect(await readdir(join(dir, MIGRATED_FOLDER))).toEqual([]);
		expect((await readdir(dir)).filter((n) => n.endsWith('.log'))).toEqual([]);
	});

	it('a whole data folder of the old format opens through the Store', async () => {
		vi.spyOn(console, 'info').mockImplementation(() => {});
		const d6 = [note('2026-01-06', 1)];
		await writeFile(join(dir, '2026-01-06.json'), oldFile('2026-01-06', d6));
		await writeFile(join(root, 'site.json'), JSON.stringify({ name: 'old site' }));
		const store = await Store.open({ dir: root, clock, timeZone: () => 'Asia/Shanghai' });
		const site = await store.doc('site', {
			defaults: { name: '' },
			parse: (d) => d as { name: string }
		});
		expect(site.data.name).toBe('old site');
		expect(await (await store.collection('notes', parseNote)).list()).toEqual(d6);
		await store.close();
	});
});
