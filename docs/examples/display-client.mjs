#!/usr/bin/env node
// A wall display written as a plain Node program: connects to Foyer's `/public` namespace,
// keeps the snapshot, applies versioned pushes in order, re-syncs with `snapshot:get` on a gap
// or a new epoch, and prints the notices showing now, the queue's calls ("A012 → counter 2")
// and how many wait for each service. See docs/realtime.md.
//
//   node docs/examples/display-client.mjs [URL] [--once] [--timeout=SECONDS]
//
//   URL            Foyer's base URL (default: $FOYER_URL or http://localhost:3000)
//   --once         print the first snapshot and exit
//   --timeout=N    exit by itself after N seconds (default: run until Ctrl-C)
//
// Needs only `socket.io-client` 4.x (`npm install socket.io-client@4`); inside the Foyer repo
// it is already installed.
import { io } from 'socket.io-client';

const args = process.argv.slice(2);
const baseUrl = (
	args.find((a) => !a.startsWith('--')) ??
	process.env.FOYER_URL ??
	'http://localhost:3000'
).replace(/\/+$/, '');
const once = args.includes('--once');
const timeoutSeconds = Number(args.find((a) => a.startsWith('--timeout='))?.slice(10) ?? 0);

/** The live copy: the last snapshot with every push since applied. Null until the first one. */
let state = null;
/** True while a `snapshot:get` is in flight; pushes that arrive meanwhile are in its answer. */
let resyncing = false;
/** When the last snapshot or push arrived (this machine's clock). */
let lastUpdated = null;
/** Set when this program ends the connection itself. */
let closing = false;

const socket = io(`${baseUrl}/public`, {
	// Same as Foyer's own screens: WebSocket first, long-polling as a fallback.
	transports: ['websocket', 'polling'],
	reconnectionDelayMax: 3000
});

socket.on('connect', () => log(`online (${baseUrl}/public)`));
socket.on('connect_error', (err) => log(`cannot connect: ${err.message}; retrying`));
socket.on('disconnect', (reason) => {
	if (closing) return;
	log(`offline · last updated ${lastUpdated ? clock(lastUpdated) : 'never'} (${reason})`);
	// socket.io-client reconnects by itself after `transport close` / `ping timeout` (a server
	// restart or a network drop), but not after `io server disconnect`. Nothing disconnects a
	// public screen on purpose, so come back in that case too.
	if (reason === 'io server disconnect') socket.connect();
});

// Sent by the server on every (re)connect: replace everything.
socket.on('snapshot', (snapshot) => take(snapshot, 'snapshot'));

// Every other event is a versioned push.
socket.onAny((event, payload) => {
	if (event !== 'snapshot') onPush(event, payload);
});

function take(snapshot, why) {
	const newEpoch = state && state.epoch !== snapshot.epoch;
	state = snapshot;
	resyncing = false;
	lastUpdated = new Date();
	render(`${why}${newEpoch ? ' · server restarted (new epoch)' : ''}`);
	if (once) finish(0);
}

function onPush(event, payload) {
	if (!state || resyncing) return; // the snapshot we wait for already contains this push
	if (payload.epoch === state.epoch && payload.version <= state.version) return; // seen it
	if (payload.epoch !== state.epoch) return resync(`push from another epoch ${payload.epoch}`);
	if (payload.version !== state.version + 1) {
		return resync(`gap: have v${state.version}, got v${payload.version}`);
	}
	state = applyPublic(state, event, payload);
	lastUpdated = new Date();
	// A queue push says which call caused it (null for a new ticket, a finish, a no-show or a
	// transfer): that is the moment to announce the number.
	const call = event === 'queue:updated' ? payload.call : null;
	render(`${event} v${payload.version}${call ? ` · ${callText(call)}` : ''}`);
}

/** Asks for a fresh snapshot (the only thing a public socket may send). */
function resync(reason) {
	resyncing = true;
	log(`re-sync: ${reason}`);
	socket.timeout(5000).emit('snapshot:get', (err, snapshot) => {
		if (!err) return take(snapshot, 're-sync');
		resyncing = false;
		// No answer: if still connected try again; otherwise the reconnect brings a snapshot.
		if (socket.connected) resync('no answer to snapshot:get');
	});
}

/** The same reducer as `applyPublic` in src/lib/realtime/events.ts, in plain JavaScript. */
function applyPublic(s, event, payload) {
	const { epoch, version, ...data } = payload;
	const next = { ...s, epoch, version };
	switch (event) {
		case 'notice:published':
			return { ...next, notices: [data, ...s.notices.filter((n) => n.id !== data.id)] };
		case 'notice:cleared':
			return { ...next, notices: s.notices.filter((n) => n.id !== data.id) };
		case 'site:updated':
			return { ...next, site: data };
		case 'queue:updated':
			return { ...next, queue: data.queue }; // the whole public queue; `call` is only news
		default:
			return next; // an event this client does not know yet: keep the version moving
	}
}

const LEVEL = { emergency: '!!! EMERGENCY', urgent: '!   urgent', normal: '·   normal' };

/** "A012 → counter 2", and how often it was called again. */
function callText(call) {
	return `${call.label} → counter ${call.counter}${call.recalls ? ` (again, ×${call.recalls})` : ''}`;
}

function render(why) {
	const { site, notices, epoch, version } = state;
	// A server older than the queue sends no `queue`.
	const queue = state.queue ?? { waiting: {}, calls: [] };
	const lines = [
		`${site.name || '(site not set up)'} · epoch ${epoch} v${version} · ${notices.length} notice(s)`
	];
	// Newest first, as the server sends them. A wall board would show the emergency full
	// screen, urgent ones as a banner and rotate the normal ones.
	for (const n of notices) {
		lines.push(`  ${LEVEL[n.level] ?? n.level}  ${n.title}${n.body ? ` — ${n.body}` : ''}`);
	}
	// How many wait per service, and the latest call of each counter, newest first: what the
	// queue board (/display/queue) shows.
	const waiting = Object.entries(queue.waiting).map(([service, n]) => `${service} ${n}`);
	lines.push(`  waiting: ${waiting.join(' · ') || 'none'}`);
	lines.push(`  calls:   ${queue.calls.map(callText).join(' · ') || 'none yet today'}`);
	log(`${why}\n${lines.join('\n')}`);
}

function clock(date) {
	return new Intl.DateTimeFormat('zh-CN', {
		timeZone: state?.site.timeZone ?? 'Asia/Shanghai',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).format(date);
}

function log(text) {
	console.log(`[${clock(new Date())}] ${text}`);
}

function finish(code) {
	closing = true;
	socket.close();
	process.exit(code);
}

if (timeoutSeconds > 0) setTimeout(() => finish(0), timeoutSeconds * 1000);
process.on('SIGINT', () => finish(0));
process.on('SIGTERM', () => finish(0));
