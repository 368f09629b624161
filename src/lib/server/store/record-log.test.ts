import {
	mkdir,
	mkdtemp,
	readFile,
	readdir,
	rename,
	rm,
	rmdir,
	stat,
	symlink,
	unlink,
	writeFile
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import type { StoredRecord } from './contract';
import { StoreFileError } from './errors';
import { EmbeddedRecordLog } from './record-log';

interface Note extends StoredRecord {
	text: string;
	done?: boolean;
}

/** Validates one record the way a zod schema would: reject anything that is not a Note. */
function parseNote(d: unknown): Note {
	const r = d as Note;
	if (typeof r?.id !== 'string' || typeof r.at !== 'string' || typeof r.text !== 'string') {
		throw new Error('not a note');
	}
	return r;
}

// 23:30 on 5 January in Shanghai (UTC+8); midnight there is 16:00Z.
const LATE_EVENING = '2026-01-05T15:30:00Z';
const MIDNIGHT = '2026-01-05T16:00:00Z';
const DAY = 86_400_000;

let dir: string;
let clock: ManualClock;
const opened: EmbeddedRecordLog<Note>[] = [];

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-record-log-'));
	clock = new ManualClock(LATE_EVENING);
});

afterEach(async () => {
	await Promise.allSettled(opened.splice(0).map((c) => c.close()));
	await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

async function open(cacheDays?: number): Promise<EmbeddedRecordLog<Note>> {
	const c = await EmbeddedRecordLog.open<Note>({
		dir,
		clock,
		timeZone: () => 'Asia/Shanghai',
		parse: parseNote,
		...(cacheDays ? { cacheDays } : {})
	});
	opened.push(c);
	return c;
}

/** The lines of a day's log, parsed: every version ever written, in order. */
async function lines(day: string): Promise<Note[]> {
	const text = await readFile(join(dir, `${day}.log`), 'utf8');
	return text
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as Note);
}

/** A day's records as a reader of the file sees them: the last version of each id wins. */
async function onDisk(day: string): Promise<Note[]> {
	const byId = new Map<string, Note>();
	for (const r of await lines(day)) byId.set(r.id, r);
	return [...byId.values()];
}

/** Identity of a file's current content: inode, mtime and bytes. */
async function fingerprint(day: string): Promise<string> {
	const s = await stat(join(dir, `${day}.log`));
	return `${s.ino}:${s.mtimeMs}:${await readFile(join(dir, `${day}.log`), 'utf8')}`;
}

describe('EmbeddedRecordLog', () => {
	it("files records under the site's day: midnight in Shanghai starts a new file", async () => {
		const c = await open();
		const evening = await c.append({ text: 'before midnight' });
		clock.set(MIDNIGHT);
		const before = await fingerprint('2026-01-05');
		const morning = await c.append({ text: 'at midnight' });

		expect(evening.id).toMatch(/^20260105-[\w-]+$/);
		expect(morning.id).toMatch(/^20260106-[\w-]+$/);
		expect(morning.at).toBe(new Date(MIDNIGHT).toISOString());
		expect((await readdir(dir)).sort()).toEqual(['2026-01-05.log', '2026-01-06.log']);
		expect(await lines('2026-01-05')).toEqual([evening]);
		expect(await lines('2026-01-06')).toEqual([morning]);
		// Writing today's record left yesterday's file exactly as it was (same inode, same bytes).
		expect(await fingerprint('2026-01-05')).toBe(before);
		expect(c.days()).toEqual(['2026-01-05', '2026-01-06']);
	});

	it('gives every record a distinct id', async () => {
		const c = await open();
		const records = await Promise.all(
			Array.from({ length: 20 }, (_, i) => c.append({ text: `${i}` }))
		);
		expect(new Set(records.map((r) => r.id)).size).toBe(20);
		expect(await lines('2026-01-05')).toHaveLength(20);
	});

	it('finds and updates a record by id, keeping its id and time; the update is one more line', async () => {
		const c = await open();
		const a = await c.append({ text: 'leak in 3-2-1201' });
		expect(await c.get(a.id)).toEqual(a);

		const updated = await c.update(a.id, (r) => ({ ...r, done: true, id: 'hijack', at: 'never' }));
		expect(updated).toEqual({ ...a, done: true });
		expect(await c.get(a.id)).toEqual({ ...a, done: true });
		expect(await lines('2026-01-05')).toEqual([a, { ...a, done: true }]);
		expect(await onDisk('2026-01-05')).toEqual([{ ...a, done: true }]);
	});

	it('answers undefined for ids it does not hold', async () => {
		const c = await open();
		await c.append({ text: 'x' });
		expect(await c.get('20260105-nope')).toBeUndefined();
		expect(await c.get('20250101-nope')).toBeUndefined();
		expect(await c.get('garbage')).toBeUndefined();
		expect(await c.update('20260105-nope', (r) => r)).toBeUndefined();
		expect(await c.update('garbage', (r) => r)).toBeUndefined();
	});

	it('refuses a second append with an id it already holds', async () => {
		const c = await open();
		const a = await c.append({ text: 'once' });
		await expect(c.append({ text: 'twice' }, a.id)).rejects.toThrow(/already exists/);
		expect(await lines('2026-01-05')).toEqual([a]);
	});

	it("updating an old day's record appends to that day's file only", async () => {
		const c = await open();
		const old = await c.append({ text: 'old' });
		clock.set(MIDNIGHT);
		await c.append({ text: 'today' });
		const oldBefore = await fingerprint('2026-01-05');
		const todayBefore = await fingerprint('2026-01-06');

		await c.update(old.id, (r) => ({ ...r, done: true }));

		expect(await fingerprint('2026-01-05')).not.toBe(oldBefore);
		expect(await onDisk('2026-01-05')).toEqual([{ ...old, done: true }]);
		expect(await fingerprint('2026-01-06')).toBe(todayBefore);
	});

	it('lists a range of days oldest first, and the most recent n days', async () => {
		const c = await open();
		const d5 = await c.append({ text: 'jan 5' });
		clock.set(MIDNIGHT);
		const d6 = await c.append({ text: 'jan 6' });
		clock.advance(DAY);
		const d7a = await c.append({ text: 'jan 7 a' });
		const d7b = await c.append({ text: 'jan 7 b' });

		expect(await c.list()).toEqual([d5, d6, d7a, d7b]);
		expect(await c.list('2026-01-06', '2026-01-06')).toEqual([d6]);
		expect(await c.list('2026-01-06')).toEqual([d6, d7a, d7b]);
		expect(await c.list(undefined, '2026-01-05')).toEqual([d5]);
		expect(await c.recent(1)).toEqual([d7a, d7b]);
		expect(await c.recent(2)).toEqual([d6, d7a, d7b]);
		expect(await c.recent(30)).toEqual([d5, d6, d7a, d7b]);
	});

	it('a collection reopened from disk sees every record and update', async () => {
		const c = await open();
		const a = await c.append({ text: 'a' });
		clock.set(MIDNIGHT);
		const b = await c.append({ text: 'b' });
		await c.update(a.id, (r) => ({ ...r, done: true }));
		await c.close();

		const again = await open();
		expect(again.days()).toEqual(['2026-01-05', '2026-01-06']);
		expect(await again.list()).toEqual([{ ...a, done: true }, b]);
		expect(await again.get(b.id)).toEqual(b);
		const c2 = await again.append({ text: 'c' });
		expect(await lines('2026-01-06')).toEqual([b, c2]);
	});

	it('ignores files in the folder that are not day logs', async () => {
		await writeFile(join(dir, 'README.txt'), 'hello');
		await writeFile(join(dir, '2026-01-05.log.tmp'), '{"torn');
		const c = await open();
		expect(c.days()).toEqual([]);
		expect(await c.list()).toEqual([]);
	});

	it('refuses a day log holding a record that fails validation, naming the file and line', async () => {
		const good = { id: '20260105-good', at: LATE_EVENING, text: 'fine' };
		const bad = { id: '20260105-abc', at: LATE_EVENING, text: 42 };
		await writeFile(
			join(dir, '2026-01-05.log'),
			`${JSON.stringify(good)}\n${JSON.stringify(bad)}\n${JSON.stringify(good)}\n`
		);
		const c = await open();
		const error = await c.list().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(join(dir, '2026-01-05.log'));
		expect((error as StoreFileError).message).toContain('line 2');
		await expect(c.get('20260105-abc')).rejects.toBeInstanceOf(StoreFileError);
	});

	it('refuses a day log holding a record of another day', async () => {
		const other = { id: '20260104-abc', at: LATE_EVENING, text: 'yesterday' };
		await writeFile(join(dir, '2026-01-05.log'), `${JSON.stringify(other)}\n`);
		const c = await open();
		await expect(c.list()).rejects.toBeInstanceOf(StoreFileError);
	});

	it('with a tiny cache, evicted days are read back correctly, including updates', async () => {
		const c = await open(1);
		const made: Note[] = [];
		for (let d = 0; d < 5; d++) {
			made.push(await c.append({ text: `day ${d} first` }));
			made.push(await c.append({ text: `day ${d} second` }));
			clock.advance(DAY);
		}
		// Touch every day again so each is evicted and re-read at least once.
		for (const r of made.filter((_, i) => i % 2 === 0)) {
			await c.update(r.id, (x) => ({ ...x, done: true }));
		}
		const expected = made.map((r, i) => (i % 2 === 0 ? { ...r, done: true } : r));
		for (const r of expected) expect(await c.get(r.id)).toEqual(r);
		expect(await c.list()).toEqual(expected);
		expect(await (await open()).list()).toEqual(expected);
	});

	it('with a tiny cache, concurrent appends across days are all acknowledged and all kept', async () => {
		const c = await open(1);
		const writes: Promise<Note>[] = [];
		for (let i = 0; i < 40; i++) {
			clock.set(new Date(Date.parse(LATE_EVENING) + (i % 4) * DAY));
			writes.push(c.append({ text: `w${i}` }));
		}
		const settled = await Promise.allSettled(writes);
		await c.flush();
		const acked = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.text] : []));
		const failed = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));

		const onDiskTexts = (await (await open()).list()).map((r) => r.text);
		// Every acknowledged record must be on disk (losing one is the worst failure)...
		expect(acked.filter((t) => !onDiskTexts.includes(t))).toEqual([]);
		// ...and no append should fail at all.
		expect(failed).toEqual([]);
		expect(onDiskTexts.sort()).toEqual(acked.sort());
	});

	it('keeps nothing of a write that failed: not in memory, not on disk, not in the next write', async () => {
		const c = await open(1);
		const first = await c.append({ text: 'first' });
		clock.set(MIDNIGHT);
		// The new day's log is a link into a folder that does not exist: it reads as empty, but
		// creating it for the first write fails.
		const blocker = join(dir, '2026-01-06.log');
		await symlink(join(dir, 'missing', 'folder'), blocker);
		await expect(c.append({ text: 'refused' })).rejects.toThrow(/ENOENT/);
		expect(c.days()).toEqual(['2026-01-05']);
		await unlink(blocker);
		const second = await c.append({ text: 'second' });
		expect(await lines('2026-01-06')).toEqual([second]);
		expect((await c.list()).map((r) => r.text)).toEqual(['first', 'second']);

		// A failed change leaves the record as it was. Load the day (reading only; its file is
		// opened for writing on the first write), then put a directory where that file must open.
		expect(await c.get(first.id)).toEqual(first);
		const log = join(dir, '2026-01-05.log');
		await rename(log, `${log}.keep`);
		await mkdir(log);
		await expect(c.update(first.id, (r) => ({ ...r, done: true }))).rejects.toThrow(/EISDIR/);
		await rmdir(log);
		await rename(`${log}.keep`, log);
		expect((await c.get(first.id))?.done).toBeUndefined();
		await c.append({ text: 'third' });
		expect(await lines('2026-01-05')).toEqual([first]);
		expect((await (await open()).list()).map((r) => r.text)).toEqual(['first', 'second', 'third']);
	});

	it('a failed write that cannot be undone stops writes to that day until a restart', async () => {
		const complaint = vi.spyOn(console, 'error').mockImplementation(() => {});
		const c = await open();
		const first = await c.append({ text: 'first' });
		await c.close();
		const again = await open();
		expect(await again.get(first.id)).toEqual(first);
		// /dev/full takes the open but fails every write, and cannot be cut back either.
		const log = join(dir, '2026-01-05.log');
		await rename(log, `${log}.keep`);
		await symlink('/dev/full', log);
		await expect(again.append({ text: 'lost' })).rejects.toThrow(/ENOSPC/);
		await expect(again.get(first.id)).rejects.toThrow(/restart Foyer/);
		await expect(again.append({ text: 'again' })).rejects.toThrow(/restart Foyer/);
		await unlink(log);
		await rename(`${log}.keep`, log);
		expect(await (await open()).list()).toEqual([first]);
		expect(String(complaint.mock.calls[0]?.[0])).toContain(log);
		complaint.mockRestore();
	});
});
