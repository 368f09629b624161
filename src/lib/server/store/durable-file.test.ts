import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as fsPromises from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DurableJSONFile, StoreFileError } from './durable-file';

// Pass-through spy on `open`, so a test can count the physical writes (each opens `<file>.tmp`).
vi.mock('node:fs/promises', async (importOriginal) => {
	const real = await importOriginal<typeof import('node:fs/promises')>();
	return { ...real, open: vi.fn(real.open) };
});

interface Doc {
	n: number;
	items: string[];
}

let dir: string;
let file: string;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-durable-'));
	file = join(dir, 'doc.json');
});

afterEach(async () => {
	await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

const doc = (n: number): Doc => ({ n, items: [`item ${n}`, '中文 ￥1.00'] });

/** How many times the adapter has opened `<file>.tmp` for writing (once per physical write). */
function tmpOpens(): number {
	return vi.mocked(fsPromises.open).mock.calls.filter(([p]) => p === file + '.tmp').length;
}

describe('DurableJSONFile', () => {
	it('reads null when nothing was ever written', async () => {
		expect(await new DurableJSONFile<Doc>(file).read()).toBeNull();
	});

	it('reads back what it wrote, also from a fresh adapter', async () => {
		await new DurableJSONFile<Doc>(file).write(doc(1));
		expect(await new DurableJSONFile<Doc>(file).read()).toEqual(doc(1));
	});

	it('stores compact JSON (no newlines or indentation) and leaves no temp file', async () => {
		await new DurableJSONFile<Doc>(file).write(doc(7));
		const text = await readFile(file, 'utf8');
		expect(text).toBe(JSON.stringify(doc(7)));
		expect(text).not.toMatch(/\n| {2}/);
		await expect(readFile(file + '.tmp')).rejects.toMatchObject({ code: 'ENOENT' });
	});

	it('keeps the previous version in .prev after a second write', async () => {
		const a = new DurableJSONFile<Doc>(file);
		await a.write(doc(1));
		await a.write(doc(2));
		expect(JSON.parse(await readFile(file + '.prev', 'utf8'))).toEqual(doc(1));
		expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(doc(2));
	});

	it('reads the last acknowledged version from .prev after a crash between the two renames', async () => {
		await new DurableJSONFile<Doc>(file).write(doc(1));
		// The crash window: <file> already moved to .prev, the new data still only in .tmp.
		await rename(file, file + '.prev');
		await writeFile(file + '.tmp', JSON.stringify(doc(2)));
		expect(await new DurableJSONFile<Doc>(file).read()).toEqual(doc(1));
	});

	it('refuses corrupt JSON with an error naming the file and .prev, touching neither', async () => {
		const a = new DurableJSONFile<Doc>(file);
		await a.write(doc(1));
		await a.write(doc(2));
		const torn = JSON.stringify(doc(3)).slice(0, 12);
		await writeFile(file, torn);
		const prevBefore = await readFile(file + '.prev', 'utf8');

		const error = await new DurableJSONFile<Doc>(file).read().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(file);
		expect((error as Error).message).toContain(file);
		expect((error as Error).message).toContain(`${file}.prev`);
		expect(await readFile(file, 'utf8')).toBe(torn);
		expect(await readFile(file + '.prev', 'utf8')).toBe(prevBefore);
	});

	it('refuses content that its parse function rejects', async () => {
		await writeFile(file, JSON.stringify({ n: 'not a number' }));
		const strict = new DurableJSONFile<Doc>(file, {
			parse: (d) => {
				if (typeof (d as Doc).n !== 'number') throw new Error('n must be a number');
				return d as Doc;
			}
		});
		const error = await strict.read().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreFileError);
		expect((error as StoreFileError).file).toBe(file);
		expect((error as Error).message).toMatch(/n must be a number/);
	});

	it('returns what parse returns, so defaults and coercions apply on read', async () => {
		await writeFile(file, JSON.stringify({ n: 3 }));
		const withDefaults = new DurableJSONFile<Doc>(file, {
			parse: (d) => ({ items: [], ...(d as Partial<Doc>) }) as Doc
		});
		expect(await withDefaults.read()).toEqual({ n: 3, items: [] });
	});

	it('resolves each of 50 concurrent writes only once its data (or later) is on disk, in few physical writes', async () => {
		const a = new DurableJSONFile<Doc>(file);
		const before = tmpOpens();
		const seenOnResolve: number[] = [];
		const writes = Array.from({ length: 50 }, (_, i) =>
			a.write(doc(i)).then(() => {
				// Read synchronously at the moment the caller is told "durable".
				const onDisk = JSON.parse(readFileSync(file, 'utf8')) as Doc;
				seenOnResolve[i] = onDisk.n;
			})
		);
		expect(a.idle).toBe(false);
		await Promise.all(writes);

		expect(a.idle).toBe(true);
		for (let i = 0; i < 50; i++) expect(seenOnResolve[i]).toBeGreaterThanOrEqual(i);
		expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(doc(49));
		// The first write runs alone; the 49 queued behind it are coalesced into one more.
		const physical = tmpOpens() - before;
		expect(physical).toBeGreaterThanOrEqual(1);
		expect(physical).toBeLessThanOrEqual(2);
	});

	it('flush() waits for the write in flight', async () => {
		const a = new DurableJSONFile<Doc>(file);
		void a.write(doc(5));
		await a.flush();
		expect(a.idle).toBe(true);
		expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(doc(5));
	});

	it('rejects the callers of a failed write and keeps working afterwards', async () => {
		const nested = join(dir, 'missing', 'doc.json');
		const a = new DurableJSONFile<Doc>(nested);
		const results = await Promise.allSettled([a.write(doc(1)), a.write(doc(2)), a.write(doc(3))]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(a.idle).toBe(true);

		await mkdir(join(dir, 'missing'));
		await a.write(doc(4));
		expect(await new DurableJSONFile<Doc>(nested).read()).toEqual(doc(4));
	});
});
