#!/usr/bin/env node
// A desk (staff) client as a plain Node program: logs in with POST /api/session, connects to
// the `/desk` namespace with the session cookie and Origin header, optionally publishes a
// notice with POST /api/notices, and prints what the desk sees. See docs/api.md and
// docs/realtime.md.
//
//   FOYER_PASSWORD=… node docs/examples/desk-client.mjs [URL] [options]
//
//   URL                Foyer's base URL (default: $FOYER_URL or http://localhost:3000). It must be
//                      the origin the server accepts: ORIGIN if the server sets it.
//   --user=NAME        staff username (default: $FOYER_USER or admin)
//   --password=PW      password (default: $FOYER_PASSWORD)
//   --publish=TITLE    publish a notice once connected (roles admin, frontdesk or manager)
//   --level=LEVEL      normal | urgent | emergency (default normal)
//   --body=TEXT        the notice's text
//   --timeout=N        log out and exit after N seconds (default: run until Ctrl-C)
import { io } from 'socket.io-client';

const args = process.argv.slice(2);
const opt = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const baseUrl = (
	args.find((a) => !a.startsWith('--')) ??
	process.env.FOYER_URL ??
	'http://localhost:3000'
).replace(/\/+$/, '');
const username = opt('user') ?? process.env.FOYER_USER ?? 'admin';
const password = opt('password') ?? process.env.FOYER_PASSWORD;
const timeoutSeconds = Number(opt('timeout') ?? 0);
if (!password) {
	console.error('Give the password with --password=… or FOYER_PASSWORD.');
	process.exit(2);
}

// Every non-GET request needs an Origin header equal to the server's own origin.
const origin = new URL(baseUrl).origin;

async function api(method, path, { body, cookie } = {}) {
	const res = await fetch(baseUrl + path, {
		method,
		headers: {
			origin,
			accept: 'application/json',
			...(body ? { 'content-type': 'application/json' } : {}),
			...(cookie ? { cookie } : {})
		},
		body: body ? JSON.stringify(body) : undefined
	});
	const data = res.status === 204 ? null : await res.json();
	if (!res.ok) {
		// Problems are { error: { key, message, fields } }; 401/403 from a missing session or
		// role are { message }.
		const p = data?.error ?? data;
		throw new Error(`${method} ${path} → ${res.status} ${p?.key ?? ''} ${p?.message ?? ''}`);
	}
	return { res, data };
}

// 1. Log in. The answer sets the `foyer_session` cookie; keep just `name=value`.
const { res, data } = await api('POST', '/api/session', { body: { username, password } }).catch(
	(e) => {
		console.error(e.message);
		process.exit(1);
	}
);
const cookie = res.headers
	.getSetCookie()
	.map((c) => c.split(';')[0])
	.find((c) => c.startsWith('foyer_session='));
console.log(`logged in as ${data.staff.username} (${data.staff.roles.join(', ')})`);

// 2. Connect to /desk with the cookie and the Origin. extraHeaders work in Node (not in
// browsers, which send their own cookie and Origin).
const socket = io(`${baseUrl}/desk`, {
	transports: ['websocket'],
	extraHeaders: { cookie, origin },
	reconnectionDelayMax: 3000
});
let state = null;
let published = false;
let ending = false;

socket.on('connect_error', (err) => {
	// 'unauthorized' (no or expired session) and 'forbidden origin' do not heal by retrying.
	console.log(`connect_error: ${err.message}`);
	if (err.message === 'unauthorized' || err.message === 'forbidden origin') finish(1);
});
socket.on('disconnect', (reason) => {
	console.log(`disconnected: ${reason}`);
	// `io server disconnect` is what a log-out (here or in a browser) does to its sockets.
	if (reason === 'io server disconnect' && !ending) finish(0);
});
socket.on('snapshot', async (s) => {
	state = s;
	console.log(
		`snapshot epoch ${s.epoch} v${s.version}: ${s.me.displayName}, ` +
			`${s.clients.public} screen(s) + ${s.clients.desk} desk(s) online, ` +
			`${s.notices.length} notice(s)`
	);
	// 3. Publish once, after the first snapshot, so the push shows up below.
	const title = opt('publish');
	if (title && !published) {
		published = true;
		const { data } = await api('POST', '/api/notices', {
			cookie,
			body: { level: opt('level') ?? 'normal', title, body: opt('body') ?? '' }
		});
		console.log(`published ${data.notice.id} (201)`);
	}
});
socket.onAny((event, payload) => {
	if (event === 'snapshot' || !state) return;
	const { epoch, version, ...rest } = payload;
	if (epoch !== state.epoch || version !== state.version + 1) {
		console.log(`gap or new epoch at ${event} v${version}: re-sync`);
		socket.emit('snapshot:get', (s) => (state = s));
		return;
	}
	state = { ...state, epoch, version };
	console.log(`push ${event} v${version} ${JSON.stringify(rest)}`);
});

async function finish(code) {
	if (ending) return;
	ending = true;
	// 4. Log out: ends the session and disconnects every socket it opened.
	await api('DELETE', '/api/session', { cookie }).catch(() => {});
	socket.close();
	process.exit(code);
}

if (timeoutSeconds > 0) setTimeout(() => finish(0), timeoutSeconds * 1000);
process.on('SIGINT', () => finish(0));
process.on('SIGTERM', () => finish(0));
