import {
	mkdir,
	mkdtemp,
	readFile,
	readdir,
	rename,
	rm,
	rmdir,
	stat,
	writeFile
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { StoreFileError } from './durable-file';
import { PartitionedCollection, type StoredRecord } from './partitioned';

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

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-partitioned-'));
	clock = new ManualClock(LATE_EVENING);
});

afterEach(async () => {
	await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

function open(cacheDays?: number): Promise<PartitionedCollection<Note>> {
	return PartitionedCollection.open<Note>({
		dir,
		clock,
		timeZone: () => 'Asia/Shanghai',
		parse: parseNote,
		...(cacheDays ? { cacheDays } : {})
	});
}

async function onDisk(day: string): Promise<{ day: string; records: Note[] }> {
	return JSON.parse(await readFile(join(dir, `${day}.json`), 'utf8')) as {
		day: string;
		records: Note[];
	};
}

/** Identity of a file's current content: a rewrite renames a new file into place. */
async function fingerprint(day: string): Promise<string> {
	const s = await stat(join(dir, `${day}.json`));
	return `${s.ino}:${s.mtimeMs}:${await readFile(join(dir, `${day}.json`), 'utf8')}`;
}

describe('PartitionedCollection', () => {
	it("files records under the site's day: midnight in Shanghai starts a new file", async () => {
		const c = await open();
		const evening = await c.append({ text: 'before midnight' });
		clock.set(MIDNIGHT);
		const before = await fingerprint('2026-01-05');
		const morning = await c.append({ text: 'at midnight' });

		expect(evening.id).toMatch(/^20260105-[\w-]+$/);
		expect(morning.id).toMatch(/^20260106-[\w-]+$/);
		expect(morning.at).toBe(new Date(MIDNIGHT).toISOString());
		expect((await readdir(dir)).sort()).toEqual(['2026-01-05.json', '2026-01-06.json']);
		expect(await onDisk('2026-01-05')).toEqual({ day: '2026-01-05', records: [evening] });
		expect(await onDisk('2026-01-06')).toEqual({ day: '2026-01-06', records: [morning] });
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
		expect((await onDisk('2026-01-05')).records).toHaveLength(20);
	});

	it('finds and updates a record by id, keeping its id and time', async () => {
		const c = await open();
		const a = await c.append({ text: 'leak in 3-2-1201' });
		expect(await c.get(a.id)).toEqual(a);

		const updated = await c.update(a.id, (r) => ({ ...r, done: true, id: 'hijack', at: 'never' }));
		expect(updated).toEqual({ ...a, done: true });
		expect(await c.get(a.id)).toEqual({ ...a, done: true });
		expect((await onDisk('2026-01-05')).records).toEqual([{ ...a, done: true }]);
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

	it("updating an old day's record rewrites only that day's file", async () => {
		const c = await open();
		const old = await c.append({ text: 'old' });
		clock.set(MIDNIGHT);
		await c.append({ text: 'today' });
		const oldBefore = await fingerprint('2026-01-05');
		const todayBefore = await fingerprint('2026-01-06');

		await c.update(old.id, (r) => ({ ...r, done: true }));

		expect(await fingerprint('2026-01-05')).not.toBe(oldBefore);
		expect((await onDisk('2026-01-05')).records).toEqual([{ ...old, done: true }]);
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
		await c.flush();

		const again = await open();
		expect(again.days()).toEqual(['2026-01-05', '2026-01-06']);
		expect(await again.list()).toEqual([{ ...a, done: true }, b]);
		expect(await again.get(b.id)).toEqual(b);
		const c2 = await again.append({ text: 'c' });
		expect((await onDisk('2026-01-06')).records).toEqual([b, c2]);
	});

	it('a day caught by a crash between the two renames of a write (only .prev on disk) is still found', async () => {
		const c = await open();
		const a = await c.append({ text: 'acknowledged' });
		await c.flush();
		// What a SIGKILL inside writeDurably leaves: <day>.json moved to .prev, the next
		// (unacknowledged) version still in .tmp.
		await rename(join(dir, '2026-01-05.json'), join(dir, '2026-01-05.json.prev'));
		await writeFile(join(dir, '2026-01-05.json.tmp'), '{"day":"2026-01-05","records":[]}');

		const again = await open();
		expect(again.days()).toEqual(['2026-01-05']);
		expect(await again.list()).toEqual([a]);
		expect(await again.recent(1)).toEqual([a]);
		expect(await again.get(a.id)).toEqual(a);
	});

	it('ignores files in the folder that are not day files', async () => {
		await writeFile(join(dir, 'README.txt'), 'hello');
		await writeFile(join(dir, '2026-01-05.json.tmp'), '{"torn');
		const c = await open();
		expect(c.days()).toEqual([]);
		expect(await c.list()).toEqual([]);
	});

	it('refuses a day file holding a record that fails validation', async () => {
		const bad = { id: '20260105-abc', at: LATE_EVENING, text: 42 };
		await writeFile(
			join(dir, '2026-01-05.json'),
			JSON.stringify({ day: '2026-01-05', records: [bad] })
		);
		const c = await open();
		const error = await c.list().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(join(dir, '2026-01-05.json'));
		await expect(c.get('20260105-abc')).rejects.toBeInstanceOf(StoreFileError);
	});

	it('refuses a day file whose content belongs to another day', async () => {
		await writeFile(
			join(dir, '2026-01-05.json'),
			JSON.stringify({ day: '2026-01-04', records: [] })
		);
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

	it('keeps nothing of an append whose write failed: the next write does not store it', async () => {
		const c = await open();
		await c.append({ text: 'first' });
		// A directory where the write's temp file must go makes exactly that write fail.
		const blocker = join(dir, '2026-01-05.json.tmp');
		await mkdir(blocker);
		await expect(c.append({ text: 'refused' })).rejects.toThrow();
		await rmdir(blocker);
		await c.append({ text: 'second' });
		expect((await onDisk('2026-01-05')).records.map((r) => r.text)).toEqual(['first', 'second']);
		expect((await c.list()).map((r) => r.text)).toEqual(['first', 'second']);
		// And a failed change leaves the record as it was.
		const [first] = await c.list();
		await mkdir(blocker);
		await expect(c.update(first!.id, (r) => ({ ...r, done: true }))).rejects.toThrow();
		await rmdir(blocker);
		expect((await c.get(first!.id))?.done).toBeUndefined();
		await c.append({ text: 'third' });
		expect((await onDisk('2026-01-05')).records[0]?.done).toBeUndefined();
	});
});
