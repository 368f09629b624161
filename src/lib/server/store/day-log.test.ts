import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import type { StoredRecord } from './contract';
import { DayLog } from './day-log';
import { StoreFileError } from './errors';
import { EmbeddedRecordLog } from './record-log';

interface Note extends StoredRecord {
	text: string;
	n?: number;
}

function parseNote(d: unknown): Note {
	const r = d as Note;
	if (typeof r?.id !== 'string' || typeof r.at !== 'string' || typeof r.text !== 'string') {
		throw new Error('not a note');
	}
	return r;
}

const DAY = '2026-01-05';
const NOON = '2026-01-05T04:00:00Z'; // noon in Shanghai
const NEXT_NOON = '2026-01-06T04:00:00Z';

let dir: string;
let file: string;
let clock: ManualClock;
const logs: { close(): Promise<void> }[] = [];

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-day-log-'));
	file = join(dir, `${DAY}.log`);
	clock = new ManualClock(NOON);
});

afterEach(async () => {
	vi.restoreAllMocks();
	await Promise.allSettled(logs.splice(0).map((l) => l.close()));
	await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

async function openLog(): Promise<EmbeddedRecordLog<Note>> {
	const c = await EmbeddedRecordLog.open<Note>({
		dir,
		clock,
		timeZone: () => 'Asia/Shanghai',
		parse: parseNote
	});
	logs.push(c);
	return c;
}

async function loadDay(compact = false): Promise<DayLog<Note>> {
	const log = await DayLog.load({ file, day: DAY, parse: parseNote, compact });
	logs.push(log);
	return log;
}

const note = (i: number, text = `note ${i}`): Note => ({
	id: `20260105-n${i}`,
	at: NOON,
	text
});

describe('DayLog', () => {
	it('a log cut at every byte offset of its last record reopens with the earlier records intact, the torn one gone, and takes new writes', async () => {
		const c = await openLog();
		const kept = [await c.append({ text: '第一条 first' }), await c.append({ text: 'second' })];
		await c.append({ text: '第三条：报修 3栋2单元1201 漏水' }); // multi-byte: cuts fall inside characters too
		await c.close();
		const whole = await readFile(file);
		const lastStart = whole.lastIndexOf(0x0a, whole.length - 2) + 1;
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

		for (let cut = lastStart; cut < whole.length; cut++) {
			await writeFile(file, whole.subarray(0, cut));
			const again = await openLog();
			expect(await again.list(), `cut at ${cut}`).toEqual(kept);
			expect((await stat(file)).size, `cut at ${cut}`).toBe(lastStart);
			const added = await again.append({ text: `after cut ${cut}` });
			await again.close();
			expect(await (await openLog()).list(), `cut at ${cut}`).toEqual([...kept, added]);
		}
		// One notice per torn tail found (none when the cut fell exactly on a line end).
		expect(warn).toHaveBeenCalledTimes(whole.length - lastStart - 1);
		expect(String(warn.mock.calls[0]?.[0])).toContain(file);
	});

	it('drops a whole last line that is not JSON (a power cut that kept the length, not the data)', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const good = JSON.stringify(note(1)) + '\n';
		await writeFile(file, good + '\0\0\0\0\0\0\n');
		const log = await loadDay();
		expect(log.records()).toEqual([note(1)]);
		expect(await readFile(file, 'utf8')).toBe(good);
	});

	it('refuses a line that is not JSON when it is not the last one, naming the file and line, and changes nothing', async () => {
		const text = `${JSON.stringify(note(1))}\n{"id": "20260105-n2", "at"\n${JSON.stringify(note(3))}\n`;
		await writeFile(file, text);
		const error = await loadDay().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(file);
		expect((error as Error).message).toMatch(/line 2 is not valid JSON/);
		expect(await readFile(file, 'utf8')).toBe(text);
	});

	it('a whole last line that fails validation is refused, not dropped', async () => {
		const text = `${JSON.stringify(note(1))}\n${JSON.stringify({ ...note(2), text: 7 })}\n`;
		await writeFile(file, text);
		await expect(loadDay()).rejects.toThrow(/line 2: unexpected content/);
		expect(await readFile(file, 'utf8')).toBe(text);
	});

	it('group commit: 50 concurrent writes go out in a few syncs, each resolving only once its line is in the file', async () => {
		const log = await loadDay();
		const seen: boolean[] = [];
		await Promise.all(
			Array.from({ length: 50 }, async (_, i) => {
				await log.put(note(i));
				seen.push((await readFile(file, 'utf8')).includes(`"id":"20260105-n${i}"`));
			})
		);
		expect(seen).toEqual(Array.from({ length: 50 }, () => true));
		expect(log.syncs).toBeGreaterThanOrEqual(1);
		expect(log.syncs).toBeLessThan(10);
		expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(50);
	});

	it('an update appends a version; reading keeps the first position and the last version', async () => {
		const log = await loadDay();
		await log.put(note(1));
		await log.put(note(2));
		await log.put(note(1, 'changed'));
		expect(log.records()).toEqual([note(1, 'changed'), note(2)]);
		expect(log.superseded).toBe(1);
		await log.close();
		const again = await loadDay();
		expect(again.records()).toEqual([note(1, 'changed'), note(2)]);
	});
});

describe('compaction', () => {
	it('a closed day with superseded versions is rewritten to one line per record when read', async () => {
		const c = await openLog();
		const a = await c.append({ text: 'a' });
		const b = await c.append({ text: 'b' });
		for (let n = 1; n <= 3; n++) await c.update(a.id, (r) => ({ ...r, n }));
		await c.close();
		const lineCount = async () => (await readFile(file, 'utf8')).split('\n').length - 1;
		expect(await lineCount()).toBe(5);

		// Still today: left alone (it is still being written).
		expect(await (await openLog()).list()).toEqual([{ ...a, n: 3 }, b]);
		expect(await lineCount()).toBe(5);

		clock.set(NEXT_NOON);
		const next = await openLog();
		expect(await next.list()).toEqual([{ ...a, n: 3 }, b]);
		expect(await lineCount()).toBe(2);
		expect((await readdir(dir)).sort()).toEqual([`${DAY}.log`]); // no temp file left
		// And it goes on working: a late update appends to the compacted file.
		await next.update(b.id, (r) => ({ ...r, n: 9 }));
		await next.close();
		expect(await (await openLog()).list()).toEqual([
			{ ...a, n: 3 },
			{ ...b, n: 9 }
		]);
	});

	it('compact(day) rewrites a closed day that is in use, and writes after it land in the new file', async () => {
		const c = await openLog();
		const a = await c.append({ text: 'a' });
		await c.update(a.id, (r) => ({ ...r, n: 1 }));
		expect(await c.compact(DAY)).toBe(false); // today: never

		clock.set(NEXT_NOON);
		await c.update(a.id, (r) => ({ ...r, n: 2 })); // the day is cached, its file open
		const [compacted, late] = await Promise.all([
			c.compact(DAY),
			c.update(a.id, (r) => ({ ...r, n: 3 }))
		]);
		expect(compacted).toBe(true);
		expect(late).toEqual({ ...a, n: 3 });
		expect(await c.compact(DAY)).toBe(false); // nothing left to drop
		await c.close();
		const text = await readFile(file, 'utf8');
		expect(text.split('\n').length - 1).toBeLessThanOrEqual(2);
		expect(await (await openLog()).list()).toEqual([{ ...a, n: 3 }]);
	});
});
