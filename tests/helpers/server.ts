import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { io, type Socket } from 'socket.io-client';

const root = new URL('../..', import.meta.url).pathname;

export interface RunningServer {
	url: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	/** Everything the server printed so far. */
	output(): string;
	/** SIGTERM and wait for exit. */
	stop(): Promise<number | null>;
	/** SIGKILL and wait for exit. */
	kill(): Promise<void>;
}

export const ADMIN_PASSWORD = 'test-admin-password-1';

/**
 * A fresh temporary data folder: `data` inside a temp folder of its own, so that what the
 * server writes beside its data folder (scheduled backups) stays in the test's temp folder
 * rather than in the shared /tmp/backups.
 */
export async function tempDataDir(): Promise<string> {
	const dir = join(await mkdtemp(join(tmpdir(), 'foyer-test-')), 'data');
	await mkdir(dir);
	return dir;
}

/** Removes a folder; a data folder from tempDataDir goes with its temp folder (and backups). */
export async function removeDir(dir: string): Promise<void> {
	const parent = dirname(dir);
	const ours = basename(dir) === 'data' && basename(parent).startsWith('foyer-test-');
	await rm(ours ? parent : dir, { recursive: true, force: true });
}

/**
 * Starts the production server (server.js on the build) on a random port with its own data
 * folder, and resolves once it prints that it is running.
 *
 * Its passwords are hashed at the test cost (`FOYER_TEST_FAST_HASH=1`: a few ms, not ~0.5 s and
 * 128 MiB, per seed account and log-in; the server honours it only for a data folder in the
 * temp folder) unless `strongHashes` is set, as for a test of what full-strength hashing does
 * under load. Hashes stored at either cost verify at their own after a restart at the other.
 */
export async function startServer(
	options: { dataDir?: string; env?: Record<string, string>; strongHashes?: boolean } = {}
): Promise<RunningServer> {
	const dataDir = options.dataDir ?? (await tempDataDir());
	const child = spawn(process.execPath, [join(root, 'server.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			// Beside the data folder, inside the test's temp folder: never the shared /tmp/backups.
			BACKUP_DIR: join(dirname(dataDir), 'backups'),
			ADMIN_PASSWORD,
			FOYER_TEST_FAST_HASH: options.strongHashes ? '' : '1',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	const port = await new Promise<number>((resolve, reject) => {
		const onData = () => {
			const m = /running on [^:]+:(\d+)/.exec(out);
			if (m) {
				child.stdout!.off('data', onData);
				resolve(Number(m[1]));
			}
		};
		child.stdout!.on('data', onData);
		void exited.then((code) => reject(new Error(`server exited with ${code}:\n${out}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dataDir,
		process: child,
		output: () => out,
		async stop() {
			child.kill('SIGTERM');
			return exited;
		},
		async kill() {
			child.kill('SIGKILL');
			await exited;
		}
	};
}

/** The demo staff password the server printed on its first start. */
export function demoStaffPassword(server: RunningServer): string {
	const m = /Demo staff \([^)]*\) \/ (\S+)/.exec(server.output());
	if (!m) throw new Error(`no demo staff password in:\n${server.output()}`);
	return m[1]!;
}

/** Logs in through the JSON API; returns the Cookie header to send. */
export async function login(
	server: RunningServer,
	username = 'admin',
	password = ADMIN_PASSWORD
): Promise<string> {
	const res = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify({ username, password })
	});
	if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('foyer_session='));
	return cookie!.split(';')[0]!;
}

/** A JSON request as a logged-in desk page would send it. */
export function api(
	server: RunningServer,
	cookie: string,
	method: string,
	path: string,
	body?: unknown
): Promise<Response> {
	return fetch(`${server.url}${path}`, {
		method,
		headers: { 'content-type': 'application/json', origin: server.url, cookie },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** A socket.io-client connection to a namespace, not yet connected. */
export function socket(
	server: RunningServer,
	namespace: '/public' | '/desk',
	headers: Record<string, string> = {}
): Socket {
	return io(`${server.url}${namespace}`, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		autoConnect: false,
		// A Manager of its own: socket.io-client shares one per host otherwise, with the first
		// socket's headers.
		forceNew: true
	});
}

/** Resolves with the first payload of `event`. */
export function next<T = unknown>(s: Socket, event: string): Promise<T> {
	return new Promise((resolve) => s.once(event, (payload: T) => resolve(payload)));
}
