/**
 * The baselines: the least a server can do to push a desk change to every screen.
 *
 *   ws         a bare `ws` server; frames are the JSON of [event, payload].
 *   socket.io  a bare Socket.IO server configured as Foyer's (/public namespace, snapshot on
 *              connect, websocket clients), but with no store, no SvelteKit, no session.
 *
 * An HTTP POST /trigger carries {event, data}; the server adds epoch and version as Foyer
 * does, pushes it to every client, then answers 204. The gaps ws → socket.io → Foyer split
 * Foyer's cost into "the Socket.IO protocol" and "Foyer's own work" (durable writes, HTTP
 * handling in SvelteKit, auth).
 *
 * Run as a forked child: `baseline-server.js <ws|socket.io>`; it reports its port over IPC and
 * exits when the parent goes away.
 */
import http from 'node:http';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';

const kind = process.argv[2];
let version = 0;
/** @type {(event: string, payload: object) => void} */
let broadcast;

const server = http.createServer((req, res) => {
	if (req.method !== 'POST' || req.url !== '/trigger') {
		res.writeHead(404).end();
		return;
	}
	let body = '';
	req.setEncoding('utf8');
	req.on('data', (d) => (body += d));
	req.on('end', () => {
		const { event, data } = JSON.parse(body);
		broadcast(event, { ...data, epoch: 'bench', version: ++version });
		res.writeHead(204).end();
	});
});

if (kind === 'ws') {
	const wss = new WebSocketServer({ server });
	broadcast = (event, payload) => {
		const frame = JSON.stringify([event, payload]); // serialised once, as Socket.IO does
		for (const client of wss.clients) client.send(frame);
	};
} else if (kind === 'socket.io') {
	const io = new Server(server, { serveClient: false, cors: { origin: false } });
	const ns = io.of('/public');
	ns.on('connection', (socket) =>
		socket.emit('snapshot', { epoch: 'bench', version, notices: [] })
	);
	broadcast = (event, payload) => ns.emit(event, payload);
} else {
	throw new Error(`usage: baseline-server.js <ws|socket.io>, not ${kind}`);
}

server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.send?.({
		type: 'listening',
		port: typeof address === 'object' && address ? address.port : 0
	});
});
process.on('disconnect', () => process.exit(0));
