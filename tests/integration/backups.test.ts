import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	api,
	demoStaffPassword,
	login,
	removeDir,
	startServer,
	tempDataDir,
	type RunningServer
} from '../helpers/server';

const root = new URL('../..', import.meta.url).pathname;

/** Runs `npm run <script>`'s script directly (node scripts/<name>.js) and collects its output. */
function run(
	script: 'backup' | 'restore',
	args: string[],
	env: Record<string, string>
): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(root, 'scripts', `${script}.js`), ...args], {
			cwd: root,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.once('exit', (code) => resolve({ code, out }));
	});
}

let scratch: string;
let server: RunningServer;
let restoredServer: RunningServer | null = null;

beforeAll(async () => {
	scratch = await tempDataDir();
	server = await startServer({
		dataDir: join(scratch, 'data'),
		env: { BACKUP_DIR: join(scratch, 'backups'), BACKUP_KEEP: '3' }
	});
});
afterAll(async () => {
	await restoredServer?.stop();
	await server.stop();
	await removeDir(scratch);
});

describe('backups of a running server', () => {
	let archive = '';

	it('npm run backup during a stream of acknowledged writes: the restored copy has every one acknowledged before it began', async () => {
		const cookie = await login(server);
		const acked: string[] = [];
		let stop = false;
		// Three desks publishing notices as fast as the server acknowledges them.
		const stream = async (desk: number) => {
			for (let i = 0; !stop; i++) {
				const res = await api(server, cookie, 'POST', '/api/notices', {
					title: `备份测试 ${desk}-${i}`
				});
				expect(res.status).toBeLessThan(300);
				acked.push(((await res.json()) as { notice: { id: string } }).notice.id);
			}
		};
		const streams = [stream(1), stream(2), stream(3)];
		while (acked.length < 20) await new Promise((r) => setTimeout(r, 10));
		const before = [...acked];
		const backup = await run('backup', [], { DATA_DIR: server.dataDir });
		stop = true;
		await Promise.all(streams);
		expect(backup.code, backup.out).toBe(0);
		expect(backup.out).toMatch(/Asked the running Foyer/);
		archive = /Backup written: (\S+)/.exec(backup.out)![1]!;
		expect(archive.startsWith(join(scratch, 'backups'))).toBe(true);
		expect(acked.length).toBeGreaterThan(before.length); // writes went on during the backup

		const target = join(scratch, 'restored');
		const restore = await run('restore', [archive, target], {});
		expect(restore.code, restore.out).toBe(0);
		expect(restore.out).toMatch(/every checksum matched/);

		restoredServer = await startServer({
			dataDir: target,
			env: { BACKUP_DIR: join(scratch, 'backups-2') }
		});
		const live = (await (await fetch(`${restoredServer.url}/api/notices`)).json()) as {
			notices: { id: string }[];
		};
		const ids = new Set(live.notices.map((n) => n.id));
		expect(before.filter((id) => !ids.has(id))).toEqual([]);
	});

	it('restore refuses a non-empty folder and a tampered archive, and changes nothing', async () => {
		const busy = join(scratch, 'busy');
		await mkdir(busy, { recursive: true });
		await writeFile(join(busy, 'keep.txt'), 'mine');
		const refused = await run('restore', [archive, busy], {});
		expect(refused.code).toBe(1);
		expect(refused.out).toMatch(/is not empty/);
		expect(await readFile(join(busy, 'keep.txt'), 'utf8')).toBe('mine');

		const tar = gunzipSync(await readFile(archive));
		const at = tar.indexOf('备份测试');
		tar.write('改', at, 'utf8');
		const tampered = join(scratch, 'tampered.tar.gz');
		await writeFile(tampered, gzipSync(tar));
		const bad = await run('restore', [tampered, join(scratch, 'fresh')], {});
		expect(bad.code).toBe(1);
		expect(bad.out).toMatch(/checksum mismatch/);
	});

	it('the desk: an admin backs up and sees the last backup; a front-desk clerk may not', async () => {
		const admin = await login(server);
		const res = await api(server, admin, 'POST', '/api/backups');
		expect(res.status).toBe(200);
		const { backups } = (await res.json()) as {
			backups: { last: { file: string; bytes: number }; warning: string | null; keep: number };
		};
		expect(backups.last.file).not.toBe(archive);
		expect(backups.last.bytes).toBeGreaterThan(0);
		expect(backups.warning).toBeNull();
		expect(backups.keep).toBe(3);

		const clerk = await login(server, 'frontdesk', demoStaffPassword(server));
		expect((await api(server, clerk, 'POST', '/api/backups')).status).toBe(403);
		expect((await api(server, clerk, 'GET', '/api/backups')).status).toBe(403);
	});
});
