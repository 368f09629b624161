import { constants } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { connect } from 'node:net';
import { isAbsolute } from 'node:path';

/**
 * Getting bytes to a printer. node-thermal-printer's execute() resolves once the bytes left the
 * socket, has one timeout for everything and can hang on a printer that accepts but never
 * reads; here a send resolves only once the printer has taken the whole job and closed the
 * connection (raw port 9100 printers and socat close after the client's FIN), and every way
 * it can go wrong ends in a PrintError a person can act on.
 */

/** Why a send failed, for staff: each code has an i18n key `error.printer.<code>`. */
export type PrintErrorCode =
	| 'refused' // nothing listens: printer off, wrong port
	| 'timeout' // no answer to connect: unplugged, asleep, wrong address
	| 'unreachable' // no route or unknown host name
	| 'stalled' // connected but the job was not taken in time: paper out, cover open, jammed
	| 'dropped' // the connection broke during the job
	| 'notFound' // the device file does not exist: USB unplugged
	| 'denied' // no permission on the device file (group lp)
	| 'busy' // the device is in use, or an earlier write to it has not returned
	| 'badTarget' // the printer's target is not tcp://host:port or an absolute path
	| 'aborted' // the server is shutting down
	| 'notConfigured' // no such printer, or the virtual printer is not running
	| 'failed'; // anything else

/** A failed send. `maybeDelivered`: some bytes may have reached the printer, so a retry may print twice. */
export class PrintError extends Error {
	constructor(
		readonly code: PrintErrorCode,
		readonly target: string,
		readonly maybeDelivered: boolean,
		readonly detail = ''
	) {
		super(`${code} (${target})${detail ? `: ${detail}` : ''}`);
		this.name = 'PrintError';
	}

	/** The i18n key for staff. */
	get key(): string {
		return `error.printer.${this.code}`;
	}
}

export type Target = { kind: 'tcp'; host: string; port: number } | { kind: 'device'; path: string };

/** Parses `tcp://host[:port]` (default 9100) or an absolute device path; null when neither. */
export function parseTarget(target: string): Target | null {
	if (isAbsolute(target)) return { kind: 'device', path: target };
	const m = /^tcp:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?\/?$/i.exec(target.trim());
	if (!m?.[1]) return null;
	const port = m[2] ? Number(m[2]) : 9100;
	if (port < 1 || port > 65535) return null;
	return { kind: 'tcp', host: m[1].replace(/^\[|\]$/g, ''), port };
}

export interface SendOptions {
	/** How long to wait for a TCP connection. */
	connectTimeoutMs?: number;
	/** How long the whole send may take (connect, write, the printer taking it all). */
	timeoutMs?: number;
	/**
	 * 'close' (default): done when the printer has closed the connection after reading the job.
	 * 'sent': done when the bytes left this machine, for a printer that never closes (it cannot
	 * tell a hung printer from a slow one, so use it only for such a printer).
	 */
	ack?: 'close' | 'sent';
	signal?: AbortSignal;
}

/** Sends one job. Resolves when it is delivered (see SendOptions.ack); rejects with a PrintError. */
export function send(target: string, bytes: Buffer, options: SendOptions = {}): Promise<void> {
	const t = parseTarget(target);
	if (!t) return Promise.reject(new PrintError('badTarget', target, false));
	if (options.signal?.aborted) return Promise.reject(new PrintError('aborted', target, false));
	return t.kind === 'tcp' ? sendTcp(t, target, bytes, options) : sendDevice(t.path, bytes, options);
}

function sendTcp(
	t: { host: string; port: number },
	target: string,
	bytes: Buffer,
	o: SendOptions
): Promise<void> {
	return new Promise((resolve, reject) => {
		let connected = false;
		let settled = false;
		const socket = connect({ host: t.host, port: t.port });
		const finish = (error?: PrintError) => {
			if (settled) return;
			settled = true;
			clearTimeout(connectTimer);
			clearTimeout(overallTimer);
			o.signal?.removeEventListener('abort', onAbort);
			socket.destroy();
			if (error) reject(error);
			else resolve();
		};
		const fail = (code: PrintErrorCode, detail = '') =>
			finish(new PrintError(code, target, connected, detail));
		const onAbort = () => fail('aborted');
		const connectTimer = setTimeout(() => fail('timeout'), o.connectTimeoutMs ?? 3000);
		const overallTimer = setTimeout(
			() => fail(connected ? 'stalled' : 'timeout'),
			o.timeoutMs ?? 15_000
		);
		o.signal?.addEventListener('abort', onAbort);
		socket.on('connect', () => {
			connected = true;
			clearTimeout(connectTimer);
			// Write and half-close: the FIN tells the printer the job is complete.
			socket.end(bytes, () => {
				if (o.ack === 'sent') finish();
			});
		});
		// Printers may answer (status bytes); read and ignore them so the peer's FIN is seen.
		socket.on('data', () => undefined);
		// The peer closed its side after our FIN: it has read the whole job.
		socket.on('end', () => {
			if (socket.writableFinished) finish();
			else fail('dropped', 'closed before taking the whole job');
		});
		socket.on('error', (e: NodeJS.ErrnoException) => fail(classify(e.code, connected), e.message));
		socket.on('close', () => fail('dropped', 'connection closed'));
	});
}

function classify(code: string | undefined, connected: boolean): PrintErrorCode {
	switch (code) {
		case 'ECONNREFUSED':
			return 'refused';
		case 'ETIMEDOUT':
			return connected ? 'stalled' : 'timeout';
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'unreachable';
		case 'ECONNRESET':
		case 'EPIPE':
		case 'ECONNABORTED':
			return 'dropped';
		case 'ENOENT':
		case 'ENODEV':
		case 'ENXIO':
			return 'notFound';
		case 'EACCES':
		case 'EPERM':
			return 'denied';
		case 'EBUSY':
			return 'busy';
		default:
			return 'failed';
	}
}

/**
 * Device writes still running. A write to a stuck USB printer blocks a libuv thread and cannot
 * be cancelled; after a timeout the next job must not pile a second blocked write on top.
 */
const devicesInUse = new Set<string>();

async function sendDevice(path: string, bytes: Buffer, o: SendOptions): Promise<void> {
	if (devicesInUse.has(path))
		throw new PrintError('busy', path, false, 'an earlier write is stuck');
	devicesInUse.add(path);
	let started = false;
	const write = (async () => {
		// No O_CREAT: a typo or an unplugged printer must fail, not create a file in /dev.
		const fh = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY);
		started = true;
		try {
			for (let off = 0; off < bytes.length;) {
				off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
			}
		} finally {
			await fh.close();
		}
	})();
	const release = () => devicesInUse.delete(path);
	void write.then(release, release);
	let timer: NodeJS.Timeout | undefined;
	let onAbort: (() => void) | undefined;
	const stop = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new PrintError(started ? 'stalled' : 'timeout', path, started)),
			o.timeoutMs ?? 15_000
		);
		onAbort = () => reject(new PrintError('aborted', path, started));
		o.signal?.addEventListener('abort', onAbort);
	});
	try {
		await Promise.race([write, stop]);
	} catch (e) {
		if (e instanceof PrintError) throw e;
		const err = e as NodeJS.ErrnoException;
		throw new PrintError(classify(err.code, started), path, started, err.message);
	} finally {
		clearTimeout(timer);
		if (onAbort) o.signal?.removeEventListener('abort', onAbort);
	}
}

/** Checks that a printer can be reached without printing: a TCP connect, or write access to the device. */
export async function probe(target: string, timeoutMs = 3000): Promise<void> {
	const t = parseTarget(target);
	if (!t) throw new PrintError('badTarget', target, false);
	if (t.kind === 'device') {
		await access(t.path, constants.W_OK).catch((e: NodeJS.ErrnoException) => {
			throw new PrintError(classify(e.code, false), target, false, e.message);
		});
		return;
	}
	await new Promise<void>((resolve, reject) => {
		const socket = connect({ host: t.host, port: t.port });
		const timer = setTimeout(() => done(new PrintError('timeout', target, false)), timeoutMs);
		const done = (error?: PrintError) => {
			clearTimeout(timer);
			socket.destroy();
			if (error) reject(error);
			else resolve();
		};
		socket.on('connect', () => done());
		socket.on('error', (e: NodeJS.ErrnoException) =>
			done(new PrintError(classify(e.code, false), target, false, e.message))
		);
	});
}
