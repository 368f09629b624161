import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { AuditService } from '../audit/audit';
import type { StoredRecord } from '../store/contract';
import { Store } from '../store/store';
import { RestoreError, restoreArchive } from './archive';
import { BackupService } from './backups';

interface Item extends StoredRecord {
	n: number;
}
const parseItem = (d: unknown) => d as Item;
const ADMIN = { id: 's1', username: 'admin', displayName: 'Admin', roles: ['admin'] as const };
const FRONT = { id: 's2', username: 'fd', displayName: 'FD', roles: ['frontdesk'] as const };

let root: string;
let store: Store | null;
const clock = new ManualClock('2026-12-03T02:00:00Z');

beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'foyer-backup-'));
	store = null;
});
afterEach(async () => {
	await store?.close();
	await rm(root, { recursive: true, force: true });
});

async function openSite(keep = 14) {
	store = await Store.open({ dir: join(root, 'data'), clock, timeZone: () => 'Asia/Shanghai' });
	const audit = await AuditService.open(store);
	const backups = await BackupService.open(
		{ store, clock, audit },
		{ dir: join(root, 'backups'), keep, version: 'test' }
	);
	return { store, backups };
}

describe('backups', () => {
	it('hold every write acknowledged before the backup began, while writes keep coming', async () => {
		const { store: s, backups } = await openSite();
		const items = await s.collection('items', parseItem);
		const counter = await s.doc('counter', {
			defaults: { n: 0 },
			parse: (d) => d as { n: number }
		});
		const acked: number[] = [];
		let stop = false;
		// Two writers, as requests would: records appended and a document rewritten each time.
		const writer = async (start: number) => {
			for (let n = start; !stop; n += 2) {
				await items.append({ n });
				await counter.update((d) => void (d.n = Math.max(d.n, n)));
				acked.push(n);
			}
		};
		const writers = [writer(0), writer(1)];
		while (acked.length < 30) await new Promise((r) => setImmediate(r));
		const before = [...acked];
		const last = await backups.runBy(ADMIN);
		stop = true;
		await Promise.all(writers);
		expect(last.lastAttempt?.ok).toBe(true);
		// Owner-only: the archive carries the payment keys (<DATA_DIR>/secrets/).
		expect((await stat(last.last!.file)).mode & 0o777).toBe(0o600);
		await store!.close();
		store = null;

		const restored = join(root, 'restored');
		const manifest = await restoreArchive(last.last!.file, restored);
		expect(manifest.files.map((f) => f.path)).toEqual(
			expect.arrayContaining(['counter.json', 'items/2026-12-03.log'])
		);
		expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
		const back = await Store.open({ dir: restored, clock, timeZone: () => 'Asia/Shanghai' });
		try {
			const got = new Set(
				(await (await back.collection('items', parseItem)).list()).map((i) => i.n)
			);
			for (const n of before) expect(got.has(n)).toBe(true);
			const doc = await back.doc('counter', {
				defaults: { n: -1 },
				parse: (d) => d as { n: number }
			});
			// The document is never behind the records it was written after.
			expect(doc.data.n).toBeGreaterThanOrEqual(Math.max(...before));
		} finally {
			await back.close();
		}
	}, 30_000);

	it('refuses a non-empty folder, a tampered archive and a truncated one, leaving nothing', async () => {
		const { store: s, backups } = await openSite();
		await (await s.collection('items', parseItem)).append({ n: 1 });
		const file = (await backups.run(null))!.file;

		const busy = join(root, 'busy');
		await mkdir(busy);
		await writeFile(join(busy, 'site.json'), '{}');
		await expect(restoreArchive(file, busy)).rejects.toThrow(/is not empty/);

		// Change one byte of a file's content (the tar headers stay valid, the gzip too).
		const tar = gunzipSync(await readFile(file));
		const at = tar.indexOf('"n":1');
		tar[at + 4] = '2'.charCodeAt(0);
		const tampered = join(root, 'tampered.tar.gz');
		await writeFile(tampered, gzipSync(tar));
		const target = join(root, 'new');
		await expect(restoreArchive(tampered, target)).rejects.toThrow(/checksum mismatch/);

		const whole = await readFile(file);
		const cut = join(root, 'cut.tar.gz');
		await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
		await expect(restoreArchive(cut, target)).rejects.toThrow(RestoreError);
		await expect(restoreArchive(cut, target)).rejects.toThrow(/truncated or damaged/);

		expect(await readdir(root)).toEqual(expect.not.arrayContaining(['new']));
		expect((await readdir(root)).filter((n) => n.includes('restoring'))).toEqual([]);
		await restoreArchive(file, target); // the intact one goes in
		expect(await readdir(target)).toContain('items');
	});

	it('keeps the newest N archives, runs daily by the clock, and is for admins only', async () => {
		const { backups } = await openSite(3);
		for (let i = 0; i < 5; i++) {
			await backups.run(null);
			clock.advance(1000);
		}
		const names = (await readdir(join(root, 'backups'))).sort();
		expect(names).toHaveLength(3);
		expect(names[2]).toBe(`foyer-${'2026-12-03T020004Z'}.tar.gz`);

		await backups.tick(); // the last is 1 s old: nothing to do
		expect(await readdir(join(root, 'backups'))).toHaveLength(3);
		clock.advance(24 * 3_600_000);
		await backups.tick();
		expect((await readdir(join(root, 'backups'))).sort()[2]).toBe(
			'foyer-2026-12-04T020005Z.tar.gz'
		);

		expect(() => backups.view(FRONT)).toThrow();
		expect(backups.view(ADMIN).warning).toBeNull();
		clock.advance(49 * 3_600_000);
		expect(backups.view(ADMIN).warning).toBe('stale');
	});
});
