import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, StoreLockedError } from './lock';

let dir: string;
let lockFile: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-lock-'));
	lockFile = join(dir, 'foyer.lock');
});

afterEach(async () => {
	for (const child of children.splice(0)) {
		if (child.exitCode === null && child.signalCode === null) {
			const gone = new Promise((r) => child.once('exit', r));
			child.kill('SIGKILL');
			await gone;
		}
	}
	await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** Starts a process and resolves once it is running (has a pid and has spawned). */
async function startChild(command: string, args: string[]): Promise<ChildProcess> {
	const child = spawn(command, args, { stdio: 'ignore' });
	children.push(child);
	await new Promise<void>((resolve, reject) => {
		child.once('spawn', () => resolve());
		child.once('error', reject);
	});
	return child;
}

/** A node process that stays alive, like another Foyer server. */
const liveNode = () => startChild(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);

/** The pid of a node process that has already exited. */
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
	await new Promise((r) => child.once('exit', r));
	return child.pid!;
}

function writeLock(pid: number, host = hostname()): Promise<void> {
	return writeFile(lockFile, JSON.stringify({ pid, host, since: '2026-01-05T01:00:00.000Z' }));
}

async function lockHolder(): Promise<{ pid: number; host: string }> {
	return JSON.parse(await readFile(lockFile, 'utf8')) as { pid: number; host: string };
}

describe('acquireLock', () => {
	it('takes a free folder by writing foyer.lock with this pid, and release removes it', async () => {
		const release = await acquireLock(dir);
		expect(await lockHolder()).toMatchObject({ pid: process.pid, host: hostname() });

		await release();
		expect(await readdir(dir)).toEqual([]);
		// Released: it can be taken again.
		const again = await acquireLock(dir);
		expect((await lockHolder()).pid).toBe(process.pid);
		await again();
	});

	it('refuses a folder held by another live node process, naming the pid and the folder', async () => {
		const other = await liveNode();
		await writeLock(other.pid!);
		const before = await readFile(lockFile, 'utf8');

		const error = await acquireLock(dir).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StoreLockedError);
		expect(error).toMatchObject({ dir, pid: other.pid });
		expect((error as Error).message).toContain(`pid ${other.pid}`);
		expect((error as Error).message).toContain(dir);
		expect((error as Error).message).toMatch(/Another Foyer server/);
		// The other server's lock is left alone.
		expect(await readFile(lockFile, 'utf8')).toBe(before);
	});

	it('keeps refusing for as long as the holder lives, then takes over once it dies', async () => {
		const other = await liveNode();
		await writeLock(other.pid!);
		await expect(acquireLock(dir)).rejects.toBeInstanceOf(StoreLockedError);

		const gone = new Promise((r) => other.once('exit', r));
		other.kill('SIGKILL');
		await gone;

		const release = await acquireLock(dir);
		expect((await lockHolder()).pid).toBe(process.pid);
		await release();
	});

	it('takes over a stale lock left by a process that died (SIGKILL, power cut)', async () => {
		const pid = await deadPid();
		await writeLock(pid);

		const release = await acquireLock(dir);
		expect(await lockHolder()).toMatchObject({ pid: process.pid, host: hostname() });
		await release();
		expect(await readdir(dir)).toEqual([]);
	});

	it('takes over a lock whose pid now belongs to a program that is not node (pid reuse)', async () => {
		const sleeper = await startChild('sleep', ['60']);
		await writeLock(sleeper.pid!);

		const release = await acquireLock(dir);
		expect((await lockHolder()).pid).toBe(process.pid);
		await release();
	});

	it('takes over an empty or torn lock file (its writer died while creating it)', async () => {
		for (const torn of ['', '{"pid":', '{"host":"x"}']) {
			await writeFile(lockFile, torn);
			const release = await acquireLock(dir);
			expect((await lockHolder()).pid).toBe(process.pid);
			await release();
		}
	});

	it('takes over a lock that names this very process (a dev-server restart in one process)', async () => {
		await writeLock(process.pid);
		const release = await acquireLock(dir);
		expect((await lockHolder()).pid).toBe(process.pid);
		await release();
	});
});
