import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrintError, parseTarget, probe, send } from './transport';
import { startVirtualPrinter } from './virtual-printer';

/** A loopback TCP server whose connections `behave` as told. */
async function server(
	behave: (s: Socket) => void
): Promise<{ url: string; close(): Promise<void> }> {
	const sockets = new Set<Socket>();
	const srv: Server = createServer((s) => {
		sockets.add(s);
		s.on('error', () => undefined);
		behave(s);
	});
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
	const { port } = srv.address() as { port: number };
	return {
		url: `tcp://127.0.0.1:${port}`,
		close: () =>
			new Promise((r) => {
				for (const s of sockets) s.destroy();
				srv.close(() => r());
			})
	};
}

async function failure(p: Promise<unknown>): Promise<PrintError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	if (!(e instanceof PrintError)) throw new Error(`expected a PrintError, got ${String(e)}`);
	return e;
}

const JOB = Buffer.from('\x1b@hello\n');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of closers.splice(0)) await c();
});

describe('parseTarget', () => {
	it('reads tcp URLs (port 9100 by default) and absolute device paths', () => {
		expect(parseTarget('tcp://192.168.1.50:9100')).toEqual({
			kind: 'tcp',
			host: '192.168.1.50',
			port: 9100
		});
		expect(parseTarget('tcp://printer.lan')).toEqual({
			kind: 'tcp',
			host: 'printer.lan',
			port: 9100
		});
		expect(parseTarget('tcp://[::1]:9101')).toEqual({ kind: 'tcp', host: '::1', port: 9101 });
		expect(parseTarget('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
	});

	it('refuses anything else', () => {
		for (const t of [
			'http://x:9100',
			'tcp://x:0',
			'tcp://x:70000',
			'lp0',
			'tcp://a b',
			'virtual'
		]) {
			expect(parseTarget(t)).toBeNull();
		}
	});
});

describe('send over TCP', () => {
	it('resolves once the printer has read the whole job and closed', async () => {
		const vp = await startVirtualPrinter();
		closers.push(vp.close);
		await send(vp.url, JOB);
		expect(vp.jobs().map((j) => [j.bytes.toString(), j.complete])).toEqual([
			[JOB.toString(), true]
		]);
	});

	it('says "refused" when nothing listens, and that nothing was delivered', async () => {
		const s = await server(() => undefined);
		await s.close();
		const e = await failure(send(s.url, JOB));
		expect([e.code, e.maybeDelivered, e.key]).toEqual(['refused', false, 'error.printer.refused']);
	});

	it('says "stalled" when the printer accepts but never takes the job', async () => {
		const s = await server((sock) => sock.pause());
		closers.push(s.close);
		const e = await failure(send(s.url, JOB, { timeoutMs: 200 }));
		expect([e.code, e.maybeDelivered]).toEqual(['stalled', true]);
	});

	it('says "dropped" when the printer resets the connection mid-job', async () => {
		const s = await server((sock) => sock.once('data', () => sock.resetAndDestroy()));
		closers.push(s.close);
		const e = await failure(send(s.url, JOB, { timeoutMs: 2000 }));
		expect([e.code, e.maybeDelivered]).toEqual(['dropped', true]);
	});

	it('stops at once when aborted', async () => {
		const s = await server((sock) => sock.pause());
		closers.push(s.close);
		const ac = new AbortController();
		const p = send(s.url, JOB, { signal: ac.signal, timeoutMs: 10_000 });
		setImmediate(() => ac.abort());
		expect((await failure(p)).code).toBe('aborted');
	});

	it("with ack 'sent', resolves once the bytes are out even if the printer never closes", async () => {
		const s = await server(() => undefined);
		closers.push(s.close);
		await send(s.url, JOB, { ack: 'sent', timeoutMs: 2000 });
	});

	it('refuses a target it cannot parse', async () => {
		expect((await failure(send('ipp://x', JOB))).code).toBe('badTarget');
	});
});

describe('send to a device path', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'foyer-lp-'));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('writes the bytes to the device', async () => {
		const lp = join(dir, 'lp0');
		await writeFile(lp, '');
		await send(lp, JOB);
		await send(lp, JOB);
		expect(await readFile(lp, 'utf8')).toBe(JOB.toString().repeat(2));
	});

	it('says "notFound" for a missing device and does not create it', async () => {
		const lp = join(dir, 'usb', 'lp9');
		const e = await failure(send(lp, JOB));
		expect([e.code, e.maybeDelivered]).toEqual(['notFound', false]);
		await expect(stat(lp)).rejects.toThrow();
	});
});

describe('probe', () => {
	it('connects without sending anything', async () => {
		const vp = await startVirtualPrinter();
		closers.push(vp.close);
		await probe(vp.url);
		expect(vp.jobs()).toEqual([]);
		const s = await server(() => undefined);
		await s.close();
		expect((await failure(probe(s.url))).code).toBe('refused');
	});
});
