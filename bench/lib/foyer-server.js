/**
 * Starts the production server (server.js on build/) the way tests/helpers/server.ts does:
 * loopback only, random port, its own data folder, admin password from the environment.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { io } from 'socket.io-client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appDir } from './app.js';
import { exited, stop, track } from './proc.js';
import { nowUs, sleep } from './stats.js';

export const ADMIN_PASSWORD = 'bench-admin-password-1';

/**
 * @typedef {object} FoyerServer
 * @property {string} url
 * @property {number} pid
 * @property {import('node:child_process').ChildProcess} child
 * @property {number} spawnedUs when spawn() was called (monotonic µs)
 * @property {() => string} output
 * @property {() => Promise<number | null>} stop SIGTERM and wait
 */

/**
 * Spawns server.js and resolves once it prints `running on HOST:PORT`.
 * @param {{ dataDir: string, env?: Record<string, string>, timeoutMs?: number }} options
 * @returns {Promise<FoyerServer>}
 */
export async function startFoyer({ dataDir, env = {}, timeoutMs = 30_000 }) {
	const root = appDir();
	const spawnedUs = nowUs();
	const child = track(
		spawn(process.execPath, [join(root, 'server.js')], {
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: '0',
				HOST: '127.0.0.1',
				DATA_DIR: dataDir,
				ADMIN_PASSWORD,
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		})
	);
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const port = await new Promise((resolve, reject) => {
		const onData = () => {
			const m = /running on [^:\s]+:(\d+)/.exec(out);
			if (m) resolve(Number(m[1]));
		};
		child.stdout.on('data', onData);
		void exited(child).then((code) => reject(new Error(`server exited with ${code}:\n${out}`)));
		setTimeout(
			() => reject(new Error(`server did not start in ${timeoutMs / 1000} s:\n${out}`)),
			timeoutMs
		).unref();
	});
	return {
		url: `http://127.0.0.1:${port}`,
		pid: /** @type {number} */ (child.pid),
		child,
		spawnedUs,
		output: () => out,
		stop: () => stop(child, 10_000)
	};
}

/** Logs in as admin through the JSON API; returns the Cookie header value. */
export async function login(/** @type {string} */ url) {
	const res = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })
	});
	if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('foyer_session='));
	if (!cookie) throw new Error('login answered without a session cookie');
	return cookie.split(';')[0];
}

// node:http with keep-alive rather than fetch(): undici adds ~0.7 ms and more jitter per
// request here, which would blur both the Foyer and the baseline figures alike.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * POSTs a JSON body; resolves with the status and the response text.
 * @param {string} url
 * @param {string} body
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ status: number, text: string }>}
 */
export function post(url, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * Publishes a notice as the desk would; resolves with its id once the server answered.
 * @param {string} url
 * @param {string} cookie
 * @param {string} title
 */
export async function publishNotice(url, cookie, title) {
	const res = await fetch(`${url}/api/notices`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url, cookie },
		body: JSON.stringify({
			title,
			body: 'Benchmark notice: water off 14:00–16:00.',
			level: 'normal'
		})
	});
	if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
	const { notice } = /** @type {{ notice: { id: string } }} */ (await res.json());
	return notice.id;
}

/** Polls GET /api/health until it answers 200; resolves with the monotonic µs it did. */
export async function waitHealthy(/** @type {string} */ url, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`${url}/api/health`);
			await res.arrayBuffer();
			if (res.status === 200) return nowUs();
		} catch {
			// Not listening yet.
		}
		await sleep(5);
	}
	throw new Error(`${url}/api/health did not answer 200 within ${timeoutMs} ms`);
}

/** Resident and peak resident memory of a process in MB, from /proc (Linux only). */
export function memoryOf(/** @type {number} */ pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (/** @type {string} */ key) =>
		Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
	return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/**
 * The desk's live connection, as a signed-in desk page holds it: publishes notices over
 * `/desk` with an ack (what the desk's notices page does when it is connected).
 * @param {string} url
 * @param {string} cookie
 */
export async function deskPublisher(url, cookie) {
	const socket = io(`${url}/desk`, {
		transports: ['websocket'],
		extraHeaders: { origin: url, cookie },
		reconnection: false,
		forceNew: true
	});
	await new Promise((resolve, reject) => {
		socket.once('snapshot', resolve);
		socket.once('connect_error', reject);
	});
	return {
		/** Resolves with the notice's id once the server acked it (stored and pushed). */
		async publish(/** @type {string} */ title) {
			const answer = await socket.timeout(10_000).emitWithAck('notice:publish', {
				title,
				body: 'Benchmark notice: water off 14:00–16:00.',
				level: 'normal'
			});
			if (!answer.ok) throw new Error(`publish failed: ${JSON.stringify(answer.problem)}`);
			return /** @type {string} */ (answer.notice.id);
		},
		close: () => void socket.disconnect()
	};
}
