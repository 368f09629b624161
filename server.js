// Foyer's production server: one HTTP server carrying SvelteKit (adapter-node's handler) and
// Socket.IO, with the store and services created once (docs/decisions.md, decision 1). Like
// adapter-node's own server, it reads PORT/HOST from the environment and shuts down gracefully.
import cluster from 'node:cluster';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import process from 'node:process';
import { reportListening, runPrimary, workerCount } from './scripts/cluster.js';

// WORKERS=N: this process only forks N servers sharing the port (scripts/cluster.js).
const workers = workerCount();
if (cluster.isPrimary && workers > 1) await runPrimary(workers);

// Without ORIGIN, adapter-node assumes every request came over https, so the session cookie
// would be marked Secure and browsers on the LAN (plain http) would never send it back. Tell
// it the real protocol of each connection through a header only this server sets.
const PROTO_HEADER = 'x-foyer-protocol';
const trustSocketProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (trustSocketProtocol) process.env.PROTOCOL_HEADER = PROTO_HEADER;
// adapter-node refuses bodies over 512 KB; a report from a phone carries up to three photos of
// up to 5 MB each (src/lib/server/work-orders/photos.ts), so allow that much unless told otherwise.
process.env.BODY_SIZE_LIMIT ??= '16M';
// Imported after the line above: adapter-node reads its environment when it loads.
const { handler } = await import('./build/handler.js');
const { startFoyer, createLogger, errorFields, scrub } = await import('./build/foyer/main.js');

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT || 30) * 1000;
// Behind a proxy or an orchestrator: how long /healthz/ready answers 503 while requests are
// still served, so the proxy takes this process out before its connections close.
const shutdownDrain = Math.max(0, Number(process.env.SHUTDOWN_DRAIN || 0)) * 1000;
// JSON lines unless a person watches a terminal (docs/operations.md). The start-up banner
// below is not a log line: it holds first-start passwords, so it is printed, never logged.
const logger = createLogger({
	level: process.env.LOG_LEVEL,
	format: process.env.LOG_FORMAT,
	tty: process.stdout.isTTY
});
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// SvelteKit's handler must be the first 'request' listener: Socket.IO wraps the listeners
// that exist when it attaches and only lets /socket.io/ requests past them.
const server = http.createServer((req, res) => {
	if (trustSocketProtocol) {
		req.headers[PROTO_HEADER] =
			'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	}
	res.once('finish', () => drainUnread(req));
	handler(req, res);
});

const bodySizeLimit = bytes(process.env.BODY_SIZE_LIMIT);

/**
 * An answer given before the body was read (no session, a page that takes no POST, a body over
 * the limit …) leaves the rest of the body on the connection, and SvelteKit's body stream holds
 * the request paused: the next request on a keep-alive connection would never be read. Discard
 * the rest, as Node does for a body nobody touched, so the connection stays usable; a body far
 * over the limit (4×) is not worth reading, and the connection is dropped instead.
 */
function drainUnread(req) {
	if (req.complete || req.destroyed) return;
	req.removeAllListeners('data');
	let seen = 0;
	req.on('data', (chunk) => {
		seen += chunk.length;
		if (seen > 4 * bodySizeLimit) req.socket?.destroy();
	});
	req.resume();
}

/** `16M`, `512K`, `1G` or bytes, as adapter-node reads BODY_SIZE_LIMIT. */
function bytes(value) {
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()];
	return Number(unit ? value.slice(0, -1) : value) * (unit ?? 1);
}

let started;
try {
	started = await startFoyer({ httpServer: server, env: process.env, version, logger });
} catch (e) {
	// A held data folder or an unreadable file: say which, plainly, and stop. The plain text
	// is for the person at the terminal; the log line (scrubbed of passwords) for the collector.
	logger.fatal({ kind: 'lifecycle', err: errorFields(e) }, 'Foyer did not start');
	console.error(`\nFoyer did not start.\n${scrub(e instanceof Error ? e.message : String(e))}\n`);
	process.exit(1);
}
const { app, notes } = started;

server.listen({ port, host }, () => {
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	const hosts = host === '0.0.0.0' || host === '::' ? lanAddresses() : [host];
	const base = process.env.ORIGIN || `http://${hosts[0]}:${actualPort}`;
	const lines = [
		`Foyer ${version} is running on ${host}:${actualPort} (data: ${app.dataDir})`,
		`  Kiosk:    ${base}/kiosk`,
		`  Displays: ${base}/display/notices  (boards: /display)`,
		`  Desk:     ${base}/desk`,
		...(hosts.length > 1 ? [`  Also reachable at: ${hosts.slice(1).join(', ')}`] : []),
		...notes.map((n) => `  ${n}`)
	];
	// In a cluster the primary prints the first worker's banner, once.
	if (cluster.isWorker) reportListening(lines);
	else console.log(lines.join('\n'));
	logger.info(
		{
			kind: 'lifecycle',
			version,
			port: actualPort,
			store: process.env.DATABASE_URL ? 'postgres' : 'embedded'
		},
		'Foyer is running'
	);
});

let stopping = false;
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	// Not ready first, while still serving: a proxy polling /healthz/ready takes this process
	// out of rotation during the drain, before any connection is refused.
	app.readiness.drain();
	logger.info(
		{ kind: 'lifecycle', signal, drainSeconds: shutdownDrain / 1000 },
		'Foyer is stopping'
	);
	console.log(`${signal}: Foyer is stopping; finishing writes in flight…`);
	if (shutdownDrain > 0) await new Promise((resolve) => setTimeout(resolve, shutdownDrain));
	// Stop taking requests, let running ones finish, then close the store (which waits for
	// every write in flight) and release the data folder.
	const force = setTimeout(() => server.closeAllConnections(), shutdownTimeout);
	force.unref();
	server.close();
	server.closeIdleConnections();
	try {
		await app.close();
	} finally {
		clearTimeout(force);
		server.closeAllConnections();
		logger.info({ kind: 'lifecycle' }, 'Foyer stopped');
		console.log('Foyer stopped.');
		process.exit(0);
	}
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

/** This machine's IPv4 addresses, LAN first, so the printed URLs work from the kiosk PC. */
function lanAddresses() {
	const found = [];
	for (const list of Object.values(networkInterfaces())) {
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) found.push(a.address);
	}
	return [...found, 'localhost'];
}
