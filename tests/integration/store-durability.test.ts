import { randomInt } from 'node:crypto';
import { readdir, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	api,
	login,
	removeDir,
	startServer,
	tempDataDir,
	type RunningServer
} from '../helpers/server';

const dirs: string[] = [];
const servers: RunningServer[] = [];

async function newDataDir(): Promise<string> {
	const dir = await tempDataDir();
	dirs.push(dir);
	return dir;
}

async function start(dataDir: string): Promise<RunningServer> {
	const server = await startServer({ dataDir });
	servers.push(server);
	return server;
}

/** Starts a server that is expected to refuse; resolves with its exit code and output. */
async function startRefused(dataDir: string): Promise<{ code: number; output: string }> {
	const error = await startServer({ dataDir }).then(
		(s) => {
			servers.push(s);
			throw new Error(`the server started but should have refused:\n${s.output()}`);
		},
		(e: unknown) => e as Error
	);
	const m = /^server exited with (-?\d+|null):\n([\s\S]*)$/.exec(error.message);
	if (!m) throw error;
	return { code: Number(m[1]), output: m[2]! };
}

afterAll(async () => {
	for (const s of servers) if (s.process.exitCode === null && !s.process.killed) await s.kill();
	for (const d of dirs) await removeDir(d);
});

/** Every file under `dir`, relative paths. */
async function files(dir: string): Promise<string[]> {
	const names = (await readdir(dir, { recursive: true })) as string[];
	const out: string[] = [];
	for (const n of names) if ((await stat(join(dir, n))).isFile()) out.push(n);
	return out.sort();
}

/**
 * Parses every store file: documents (`*.json`, `*.json.prev`) whole, day logs (`*.log`) line
 * by line. Returns what does not parse. A log's unterminated last line is not counted: that is
 * a write the kill cut off before it was acknowledged, which the store drops on reading.
 */
async function unparsable(dir: string): Promise<string[]> {
	const bad: string[] = [];
	for (const f of await files(dir)) {
		if (/\.json(\.prev)?$/.test(f)) {
			try {
				JSON.parse(await readFile(join(dir, f), 'utf8'));
			} catch (e) {
				bad.push(`${f}: ${(e as Error).message}`);
			}
		} else if (/\.log$/.test(f)) {
			(await logLines(join(dir, f))).forEach((line, i) => {
				try {
					JSON.parse(line);
				} catch (e) {
					bad.push(`${f} line ${i + 1}: ${(e as Error).message}`);
				}
			});
		}
	}
	return bad;
}

/** The whole lines of a day log (what follows the last newline was never acknowledged). */
async function logLines(file: string): Promise<string[]> {
	const text = await readFile(file, 'utf8');
	return text
		.slice(0, text.lastIndexOf('\n') + 1)
		.split('\n')
		.slice(0, -1);
}

/**
 * Targets of the `notice.published` audit entries on disk, read as the store reads its day
 * logs (`audit/<day>.log`, one JSON record per line; an unterminated last line never counts).
 */
async function auditedNotices(dir: string): Promise<Set<string>> {
	const ids = new Set<string>();
	for (const name of await readdir(join(dir, 'audit'))) {
		if (!/^\d{4}-\d{2}-\d{2}\.log$/.test(name)) continue;
		for (const line of await logLines(join(dir, 'audit', name))) {
			const r = JSON.parse(line) as { action: string; target: string | null };
			if (r.action === 'notice.published' && r.target) ids.add(r.target);
		}
	}
	return ids;
}

async function liveNoticeIds(server: RunningServer): Promise<Set<string>> {
	const res = await fetch(`${server.url}/api/notices`);
	expect(res.status).toBe(200);
	const { notices } = (await res.json()) as { notices: { id: string }[] };
	return new Set(notices.map((n) => n.id));
}

async function publish(server: RunningServer, cookie: string, title: string): Promise<string> {
	const res = await api(server, cookie, 'POST', '/api/notices', { title, level: 'normal' });
	if (res.status !== 201) throw new Error(`POST /api/notices → ${res.status} ${await res.text()}`);
	return ((await res.json()) as { notice: { id: string } }).notice.id;
}

describe('store durability', () => {
	it('a server killed with SIGKILL in the middle of a stream of writes keeps every acknowledged write, and every file parses', async () => {
		const ROUNDS = 10;
		const PARALLEL = 6;
		const dataDir = await newDataDir();
		const acked = new Set<string>();
		let interrupted = 0;
		let tmpLeftovers = 0;
		let crashWindows = 0;
		const began = Date.now();

		let server = await start(dataDir);
		for (let round = 0; round < ROUNDS; round++) {
			const cookie = await login(server);
			const killAfter = randomInt(20, 201);
			let ackedThisRound = 0;
			let killed = null as Promise<void> | null;
			const loop = async (lane: number) => {
				for (let k = 0; !killed; k++) {
					let id: string;
					try {
						id = await publish(server, cookie, `round ${round} lane ${lane} #${k}`);
					} catch (e) {
						if (killed) {
							interrupted++; // in flight when the server died: may or may not be stored
							return;
						}
						throw e;
					}
					acked.add(id);
					if (++ackedThisRound === killAfter) killed = server.kill();
				}
			};
			await Promise.all(Array.from({ length: PARALLEL }, (_, lane) => loop(lane)));
			await killed;
			expect(ackedThisRound).toBeGreaterThanOrEqual(killAfter);

			// On disk, with nothing running: every store file is whole JSON.
			expect(await unparsable(dataDir)).toEqual([]);
			const all = await files(dataDir);
			tmpLeftovers += all.filter((f) => f.endsWith('.tmp')).length;
			// Killed between the two renames of a write: only the last good copy is in place.
			const onlyPrev = all.filter((f) => f.endsWith('.json.prev') && !all.includes(f.slice(0, -5)));
			if (onlyPrev.length) crashWindows++;
			// The dead server's lock is still there: the restart must take it over.
			expect(all).toContain('foyer.lock');
			const audited = await auditedNotices(dataDir);
			expect([...acked].filter((id) => !audited.has(id))).toEqual([]);

			server = await start(dataDir);
			const live = await liveNoticeIds(server);
			const lost = [...acked].filter((id) => !live.has(id));
			expect(
				lost,
				`round ${round}: ${lost.length} of ${acked.size} acknowledged notices missing; ` +
					`notices/ held ${all.filter((f) => f.startsWith('notices')).join(', ')} at restart`
			).toEqual([]);
		}

		// The survivor keeps working and stops cleanly, releasing the folder.
		const cookie = await login(server);
		const after = await publish(server, cookie, 'after the last crash');
		expect(await liveNoticeIds(server)).toContain(after);
		expect(await server.stop()).toBe(0);
		expect(await files(dataDir)).not.toContain('foyer.lock');

		expect(acked.size).toBeGreaterThanOrEqual(ROUNDS * 20);
		expect(interrupted).toBeGreaterThan(0);
		console.info(
			`${ROUNDS} SIGKILL rounds: ${acked.size} acknowledged notices kept, ` +
				`${interrupted} requests cut off mid-flight, ${tmpLeftovers} .tmp leftovers seen, ` +
				`${crashWindows} kills between the two renames, ` +
				`${((Date.now() - began) / 1000).toFixed(1)} s`
		);
	}, 90_000);

	it('a second server on the same data folder exits with a clear message', async () => {
		const dataDir = await newDataDir();
		const first = await start(dataDir);

		const second = await startRefused(dataDir);
		expect(second.code).not.toBe(0);
		expect(second.output).toContain(dataDir);
		expect(second.output).toMatch(/Another Foyer server/);
		expect(second.output).toContain(`pid ${first.process.pid}`);

		// The first server is untouched: still serving, still holding the folder.
		expect((await fetch(`${first.url}/api/notices`)).status).toBe(200);
		const lock = JSON.parse(await readFile(join(dataDir, 'foyer.lock'), 'utf8')) as { pid: number };
		expect(lock.pid).toBe(first.process.pid);
		expect(await first.stop()).toBe(0);
	});

	it('an unreadable file stops start-up with a message naming the file and keeps the last good copy', async () => {
		const dataDir = await newDataDir();
		const first = await start(dataDir);
		expect(await first.stop()).toBe(0);
		const snapshot = new Map<string, string>();
		for (const f of await files(dataDir)) snapshot.set(f, await readFile(join(dataDir, f), 'utf8'));

		// A torn site.json (written once, so no earlier copy): start-up refuses, names it, says
		// there is no earlier copy rather than pointing at one that does not exist, and changes nothing.
		expect(snapshot.has('site.json.prev')).toBe(false);
		const site = join(dataDir, 'site.json');
		await truncate(site, Math.floor(snapshot.get('site.json')!.length / 2));
		const torn = await readFile(site, 'utf8');
		const refused = await startRefused(dataDir);
		expect(refused.code).not.toBe(0);
		expect(refused.output).toContain(site);
		expect(refused.output).toContain('There is no earlier copy of it');
		expect(refused.output).not.toMatch(/^\s+at /m); // a message, not a stack trace
		expect(await readFile(site, 'utf8')).toBe(torn);
		for (const [f, text] of snapshot) {
			if (f !== 'site.json') expect(await readFile(join(dataDir, f), 'utf8'), f).toBe(text);
		}

		// staff.json has been written twice, so its last good copy exists: it survives the refusal…
		await writeFile(site, snapshot.get('site.json')!);
		expect(snapshot.has('staff.json.prev')).toBe(true);
		const staff = join(dataDir, 'staff.json');
		await writeFile(staff, '{"staff":[{"id":');
		const refusedStaff = await startRefused(dataDir);
		expect(refusedStaff.output).toContain(staff);
		expect(refusedStaff.output).toContain(`${staff}.prev`);
		const prev = await readFile(`${staff}.prev`, 'utf8');
		expect(prev).toBe(snapshot.get('staff.json.prev'));
		expect(JSON.parse(prev)).toMatchObject({ staff: expect.any(Array) });

		// …and moving it into place, as the message says, brings the server back.
		await rename(`${staff}.prev`, staff);
		const recovered = await start(dataDir);
		await login(recovered);
		expect(await recovered.stop()).toBe(0);
	});
});
