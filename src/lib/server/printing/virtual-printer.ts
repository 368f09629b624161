import { createServer, type Socket } from 'node:net';

export { decodeReceipt, type DecodedLine, type DecodedReceipt } from './decode';

/** One connection's bytes: what a real printer would have printed for one job. */
export interface VirtualJob {
	receivedAt: Date;
	bytes: Buffer;
	/** False when the sender broke the connection instead of closing it (a real printer prints the part it got). */
	complete: boolean;
}

export interface VirtualPrinter {
	port: number;
	/** `tcp://host:port`, a printer target. */
	url: string;
	/** Jobs received so far, oldest first (the last `keep`). */
	jobs(): VirtualJob[];
	/** Calls `cb` for every job from now on; returns the unsubscribe function. */
	onJob(cb: (job: VirtualJob) => void): () => void;
	/** The next job to arrive (call before whatever prints it). */
	nextJob(): Promise<VirtualJob>;
	/** Stops listening and drops open connections. */
	close(): Promise<void>;
}

export interface VirtualPrinterOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	/** How many jobs to remember. */
	keep?: number;
}

/**
 * A raw-port (9100-style) ESC/POS printer on loopback: it reads each connection to its end,
 * records the bytes as one job and closes, the way a network receipt printer does. It lets the
 * whole print path run without hardware, in tests and on a developer's machine.
 */
export async function startVirtualPrinter(
	options: VirtualPrinterOptions = {}
): Promise<VirtualPrinter> {
	const host = options.host ?? '127.0.0.1';
	const keep = options.keep ?? 200;
	const received: VirtualJob[] = [];
	const listeners = new Set<(job: VirtualJob) => void>();
	const sockets = new Set<Socket>();
	const record = (chunks: Buffer[], complete: boolean) => {
		const job = { receivedAt: new Date(), bytes: Buffer.concat(chunks), complete };
		received.push(job);
		if (received.length > keep) received.shift();
		for (const cb of listeners) cb(job);
	};
	const server = createServer((socket) => {
		sockets.add(socket);
		const chunks: Buffer[] = [];
		let done = false;
		socket.on('data', (d: Buffer) => chunks.push(d));
		socket.on('end', () => {
			done = true;
			if (chunks.length) record(chunks, true); // a connection check sends nothing
			socket.end();
		});
		socket.on('error', () => undefined); // a broken connection is recorded on close
		socket.on('close', () => {
			sockets.delete(socket);
			if (!done && chunks.length) record(chunks, false);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		port,
		url: `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`,
		jobs: () => [...received],
		onJob(cb) {
			listeners.add(cb);
			return () => listeners.delete(cb);
		},
		nextJob() {
			return new Promise((resolve) => {
				const once = (job: VirtualJob) => {
					listeners.delete(once);
					resolve(job);
				};
				listeners.add(once);
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}
