/**
 * (a) Push latency: a desk change → every display socket. Foyer against two baselines measured
 * the same way in the same run: a bare `ws` server and a bare Socket.IO server
 * (baseline-server.js).
 *
 * One sample = one (socket, round): from just before the trigger request is sent to that
 * socket's handler running with that round's push. Rounds rotate between the systems (all
 * sockets stay connected; idle sockets cost nothing), so background load on this shared
 * machine falls on all alike instead of on whichever ran last.
 *
 * Foyer's trigger is what the desk's notices page sends when it is connected: `notice:publish`
 * over its authenticated `/desk` socket, acked once done. The server checks the permission,
 * validates, appends the notice to today's log + fdatasync, pushes, then writes the audit
 * entry; so one durable write sits inside every Foyer sample. We also time the two writes on
 * their own, on copies of the same logs, to read the gap. The site is seeded and today's audit log
 * already holds a normal day's 1,000 entries.
 */
import { fork } from 'node:child_process';
import {
	closeSync,
	fdatasyncSync,
	openSync,
	readFileSync,
	readdirSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import { join } from 'node:path';
import { PER_DAY, fillDay, today } from './lib/audit-days.js';
import { openClients } from './lib/clients.js';
import { deskPublisher, login, post, startFoyer } from './lib/foyer-server.js';
import { stop, tempDir, track } from './lib/proc.js';
import { ms, nowUs, sleep, summarize } from './lib/stats.js';

const here = new URL('.', import.meta.url).pathname;
const BODY = 'Benchmark notice: water off 14:00–16:00.';
/** Rotation order, and the names in the tables. */
export const SYSTEMS = /** @type {const} */ (['ws', 'socket.io', 'foyer']);

/** @typedef {typeof SYSTEMS[number]} System */
/** @typedef {{ kind: 'ws' | 'socket.io', url: string, urls?: string[], trigger: () => Promise<string> }} Target */

/** @param {{ sizes?: number[], rounds?: number, warmup?: number, clientProcs?: number }} o */
export async function run({ sizes = [100, 500], rounds = 50, warmup = 5, clientProcs = 2 } = {}) {
	// A seeded site in the middle of a normal day: the audit write in the push path rewrites
	// today's audit file, so a fresh install's near-empty file would flatter Foyer.
	const dataDir = tempDir('push');
	await (await startFoyer({ dataDir })).stop();
	const auditToday = fillDay({ dir: join(dataDir, 'audit'), day: today(), count: PER_DAY });
	const foyer = await startFoyer({ dataDir });
	const cookie = await login(foyer.url);
	// The desk publishes over its live connection, as the desk's notices page does.
	const desk = await deskPublisher(foyer.url, cookie);
	/** @type {Record<System, Target>} */
	const targets = {
		ws: await baseline('ws'),
		'socket.io': await baseline('socket.io'),
		foyer: {
			kind: 'socket.io',
			url: foyer.url,
			trigger: () => desk.publish(`Bench ${Date.now()}`)
		}
	};

	const results = [];
	for (const n of sizes) {
		const r = await measure({ n, rounds, warmup, clientProcs, targets, systems: SYSTEMS });
		for (const system of SYSTEMS) {
			results.push({ system, n, ...r.bySystem[system], clientBusy: r.clientBusy });
			console.error(`  push: ${system} N=${n} p99 ${ms(r.bySystem[system].all.p99)} ms`);
		}
	}
	const fsync = await durableWriteCost(dataDir, rounds + warmup);
	desk.close();
	await foyer.stop();
	return { results, fsync, rounds, warmup, clientProcs, auditToday };
}

/** Starts a baseline server in a child; its trigger posts a notice-shaped payload. */
async function baseline(/** @type {'ws' | 'socket.io'} */ kind) {
	const child = track(fork(join(here, 'baseline-server.js'), [kind]));
	const port = await new Promise((resolve) =>
		child.once('message', (/** @type {any} */ m) => resolve(m.port))
	);
	const url = `http://127.0.0.1:${port}`;
	let seq = 0;
	return {
		kind,
		url,
		async trigger() {
			const id = `${kind}-${++seq}`;
			const at = new Date().toISOString();
			const data = { id, level: 'normal', title: `Bench ${seq}`, body: BODY, at };
			const res = await post(`${url}/trigger`, JSON.stringify({ event: 'notice:published', data }));
			if (res.status !== 204) throw new Error(`${kind} trigger failed: ${res.status}`);
			return id;
		}
	};
}

/**
 * Opens `n` sockets per system split over `clientProcs` children (and over a target's `urls`,
 * when it has several: processes of one cluster), then runs warm-up and measured rounds; each
 * round triggers every system once, in a rotating order. Also used by cluster.js.
 * @template {string} S
 * @param {{ n: number, rounds: number, warmup: number, clientProcs: number, targets: Record<S, Target>, systems: readonly S[] }} o
 */
export async function measure({ n, rounds, warmup, clientProcs, targets, systems }) {
	const SYSTEMS = systems;
	/** @typedef {{ times: number[], reports: number, done?: () => void }} Got */
	/** @type {Map<string, Got>} */
	const got = new Map();
	const entry = (/** @type {string} */ id) => {
		if (!got.has(id)) got.set(id, { times: [], reports: 0 });
		return /** @type {Got} */ (got.get(id));
	};
	const onMessage = (/** @type {any} */ m) => {
		if (m.type !== 'round') return;
		const g = entry(m.id);
		g.times.push(...m.times);
		if (++g.reports === clientProcs) g.done?.();
	};
	const children = await Promise.all(
		Array.from({ length: clientProcs }, (_, i) => {
			const count = Math.floor(n / clientProcs) + (i < n % clientProcs ? 1 : 0);
			const open = SYSTEMS.flatMap((name) => {
				const urls = targets[name].urls ?? [targets[name].url];
				return urls.map((url, j) => ({
					name,
					kind: targets[name].kind,
					url,
					count: Math.floor(count / urls.length) + (j < count % urls.length ? 1 : 0)
				}));
			});
			return openClients(open, onMessage);
		})
	);

	const samples = Object.fromEntries(
		SYSTEMS.map((s) => [
			s,
			{
				all: /** @type {number[]} */ ([]),
				last: /** @type {number[]} */ ([]),
				answered: /** @type {number[]} */ ([]),
				lost: 0
			}
		])
	);
	for (let round = 0; round < warmup + rounds; round++) {
		for (let k = 0; k < SYSTEMS.length; k++) {
			const system = SYSTEMS[(round + k) % SYSTEMS.length];
			// Desk changes are seconds apart; a short pause keeps one round's tail out of the next.
			await sleep(20);
			const s = samples[system];
			const t0 = nowUs();
			const id = await targets[system].trigger();
			const tAnswer = nowUs();
			const g = entry(id);
			if (g.reports < clientProcs) {
				const complete = new Promise((resolve) => (g.done = () => resolve(true)));
				const timeout = sleep(10_000).then(() => false);
				if (!(await Promise.race([complete, timeout]))) s.lost += n - g.times.length;
			}
			got.delete(id);
			if (round < warmup) continue;
			const lat = g.times.map((t) => (t - t0) / 1000);
			s.all.push(...lat);
			s.last.push(Math.max(...lat));
			s.answered.push((tAnswer - t0) / 1000);
		}
	}

	const busy = await Promise.all(
		children.map(
			(c) =>
				new Promise((resolve) => {
					c.on('message', (/** @type {any} */ m) => m.type === 'busy' && resolve(m.ms));
					c.send({ type: 'busy' });
				})
		)
	);
	for (const c of children) c.send({ type: 'close' });
	await Promise.all(children.map((c) => stop(c)));
	const sum = (/** @type {typeof samples[string]} */ s) => ({
		all: summarize(s.all),
		last: summarize(s.last),
		answered: summarize(s.answered),
		lost: s.lost
	});
	return {
		bySystem: Object.fromEntries(SYSTEMS.map((s) => [s, sum(samples[s])])),
		// The busiest client process's event-loop time per push, all systems, warm-ups included.
		clientBusy: Math.max(.../** @type {number[]} */ (busy)) / (SYSTEMS.length * (warmup + rounds))
	};
}

/**
 * What the two durable writes alone cost here: one line appended and fdatasync'd to copies of
 * today's notice and audit logs as they stand after the run, as the store does it.
 */
async function durableWriteCost(/** @type {string} */ dataDir, /** @type {number} */ times) {
	const scratch = tempDir('fsync');
	const logs = ['notices', 'audit'].map((c) => {
		const dir = join(dataDir, c);
		const day = /** @type {string} */ (
			readdirSync(dir)
				.filter((f) => /^\d{4}-\d\d-\d\d\.log$/.test(f))
				.sort()
				.at(-1)
		);
		const text = readFileSync(join(dir, day), 'utf8');
		const copy = join(scratch, `${c}.log`);
		writeFileSync(copy, text);
		const line = text.trimEnd().split('\n').at(-1) + '\n';
		return { fd: openSync(copy, 'a'), line, bytes: text.length };
	});
	const pair = [];
	for (let i = 0; i < times; i++) {
		await sleep(20); // the same idle gap as between push rounds
		const t0 = nowUs();
		for (const l of logs) {
			writeSync(l.fd, l.line);
			fdatasyncSync(l.fd);
		}
		pair.push((nowUs() - t0) / 1000);
	}
	for (const l of logs) closeSync(l.fd);
	return { pair: summarize(pair), bytes: logs.map((l) => l.bytes) };
}

export { report, targets } from './push-report.js';
