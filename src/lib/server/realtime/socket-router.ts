import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as Engine, type ServerOptions as EngineOptions } from 'engine.io';
import type { Server } from 'socket.io';

/** Where Socket.IO's requests arrive (its default path). */
const PATH = '/socket.io/';

/**
 * One HTTP server, many sites: each site's Socket.IO server has an engine of its own, and this
 * hands each Socket.IO request and WebSocket upgrade to the engine of the site its Host names —
 * the same way a page request finds its site (hooks.server.ts). Screens connect to `/socket.io/`
 * on their site's own address, as they always did, and never reach another site's server.
 *
 * Socket.IO attaching itself to the HTTP server would let only one server answer `/socket.io/`;
 * this attaches once, as Socket.IO does (wrapping the request listeners that exist: SvelteKit's
 * handler), and binds each site's server to an engine it routes to.
 */
export class SocketRouter {
	readonly #engines = new Map<string, Engine>();

	constructor(
		http: HttpServer,
		private readonly siteOf: (host: string | undefined) => string | null
	) {
		const pages = http.listeners('request').slice();
		http.removeAllListeners('request');
		http.on('request', (req: IncomingMessage, res: ServerResponse) => {
			if (!req.url?.startsWith(PATH)) {
				for (const listener of pages) listener.call(http, req, res);
				return;
			}
			const engine = this.#engineOf(req);
			if (engine) engine.handleRequest(req, res);
			else res.writeHead(404).end();
		});
		// Other upgrades (Vite's HMR socket in development) are left to their own listeners.
		http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			if (!req.url?.startsWith(PATH)) return;
			const engine = this.#engineOf(req);
			if (engine) engine.handleUpgrade(req, socket, head);
			else socket.destroy();
		});
	}

	/** Serves `io` for `site`: its engine gets the Socket.IO options (CORS, transports …). */
	bind(site: string, io: Server, options: EngineOptions): void {
		const engine = new Engine(options);
		io.bind(engine);
		this.#engines.set(site, engine);
	}

	/** Stops routing to `site` (its server is closing). */
	unbind(site: string): void {
		this.#engines.get(site)?.close();
		this.#engines.delete(site);
	}

	#engineOf(req: IncomingMessage): Engine | undefined {
		const site = this.siteOf(req.headers.host);
		return site === null ? undefined : this.#engines.get(site);
	}
}
