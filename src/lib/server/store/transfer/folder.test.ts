import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderLayout } from './folder';

let dir = '';
afterEach(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('what a data folder holds', () => {
	it('finds documents and record logs in the folder itself, and leaves photos and keys as files', async () => {
		dir = await mkdtemp(join(tmpdir(), 'foyer-layout-'));
		const put = async (path: string, text = '{}') => {
			await mkdir(join(dir, path, '..'), { recursive: true });
			await writeFile(join(dir, path), text);
		};
		await put('site.json');
		await put('staff.json.prev'); // a crash between a write's two renames
		await put('devices.json.tmp'); // an unfinished first write: not a document yet
		await put('foyer.lock');
		await put('.snapshot/site.json');
		await put('audit/2026-12-01.log', '');
		await put('audit/.migrated/2026-11-30.json');
		await put('tickets/2026-11-30.json'); // the old day-file format
		await mkdir(join(dir, 'bookings')); // a log opened, never written
		await mkdir(join(dir, 'photos'));
		await put('secrets/payments.json');
		await put('notes.txt', 'hello');
		await put('odd/readme.txt', 'not a log');
		expect(await folderLayout(dir)).toEqual({
			documents: ['site', 'staff'],
			collections: ['audit', 'bookings', 'tickets'],
			files: ['notes.txt', 'odd/', 'photos/', 'secrets/']
		});
	});
});
