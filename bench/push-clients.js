/**
 * A share of the display sockets, run as a forked child of push.js so the receiving side can
 * be spread over processes. Each socket timestamps a push the moment its handler runs, with the
 * system-wide monotonic clock, so the parent can subtract its own send time.
 *
 * It holds the sockets of every system at once (Foyer and the baselines), because push.js
 * alternates rounds between the systems.
 *
 * IPC protocol:
 *   parent → {type:'open', systems:[{name, kind:'ws'|'socket.io', url, count}]}
 *   child  → {type:'ready'}                 every socket connected (Socket.IO: snapshot received)
 *   child  → {type:'round', id, times}      every socket of that system got push `id`
 *   parent → {type:'busy'}  child → {type:'busy', ms}   event-loop busy time since ready
 *   parent → {type:'close'}                 child disconnects and exits
 */
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { nowUs } from './lib/stats.js';

/** @type {Map<string, number[]>} receipt times (µs) of each push id, until all sockets have it */
const receipts = new Map();
/** @type {(() => void)[]} */
const closers = [];
/** @type {Record<string, number>} sockets per system */
const counts = {};
/** @type {import('node:perf_hooks').EventLoopUtilization | undefined} */
let elu;

function received(/** @type {string} */ system, /** @type {string} */ id) {
	const t = nowUs(); // first thing: the rest is bookkeeping, not delivery
	let times = receipts.get(id);
	if (!times) receipts.set(id, (times = []));
	times.push(t);
	if (times.length === counts[system]) {
		receipts.delete(id);
		process.send?.({ type: 'round', id, times });
	}
}

/** A display as the screens run it: socket.io-client on /public, websocket transport only. */
function openSocketIo(/** @type {string} */ system, /** @type {string} */ url) {
	return new Promise((resolve, reject) => {
		const s = io(`${url}/public`, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false
		});
		s.once('snapshot', () => resolve(undefined));
		s.once('connect_error', reject);
		s.on('notice:published', (/** @type {{ id: string }} */ p) => received(system, p.id));
		closers.push(() => s.disconnect());
	});
}

/** A plain `ws` client that parses each frame as JSON, as socket.io-client does. */
function openWs(/** @type {string} */ system, /** @type {string} */ url) {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url.replace(/^http/, 'ws'));
		ws.once('open', () => resolve(undefined));
		ws.once('error', reject);
		ws.on('message', (data) => received(system, JSON.parse(String(data))[1].id));
		closers.push(() => ws.terminate());
	});
}

process.on('message', async (/** @type {any} */ m) => {
	if (m.type === 'open') {
		for (const s of m.systems) {
			// A system may come as several entries (a cluster: sockets spread over its processes).
			counts[s.name] = (counts[s.name] ?? 0) + s.count;
			const open = s.kind === 'ws' ? openWs : openSocketIo;
			// 50 at a time: 500 simultaneous handshakes would test accept queues, not pushes.
			for (let i = 0; i < s.count; i += 50) {
				const batch = Math.min(50, s.count - i);
				await Promise.all(Array.from({ length: batch }, () => open(s.name, s.url)));
			}
		}
		elu = performance.eventLoopUtilization();
		process.send?.({ type: 'ready' });
	} else if (m.type === 'busy') {
		// If this approaches the time a round takes, the receiving side sets the latency.
		process.send?.({ type: 'busy', ms: performance.eventLoopUtilization(elu).active });
	} else if (m.type === 'close') {
		for (const close of closers) close();
		process.exit(0);
	}
});
process.on('disconnect', () => process.exit(0));
