import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, ManualClock } from '../../src/lib/domain/time';
import {
	PrintQueue,
	decodeReceipt,
	printJobSchema,
	startVirtualPrinter,
	type PrintDocument,
	type PrintJob,
	type PrinterConfig,
	type VirtualJob,
	type VirtualPrinter
} from '../../src/lib/server/printing';
import { AuditService } from '../../src/lib/server/audit/audit';
import { ticketDocument } from '../../src/lib/server/queue/ticket-slip';
import { DomainEventBus } from '../../src/lib/server/events';
import { Store } from '../../src/lib/server/store/store';

/*
 * The print path end to end on loopback: a real data folder, the PrintQueue, real sockets to
 * the virtual printer and to TCP servers that misbehave the ways printers do. Nothing sleeps a
 * fixed time: every wait is for an event (a job change, a job at the printer), with a long
 * guard timeout only to fail instead of hanging.
 */

const TRACK_URL = 'http://192.168.1.10:3000/t/20260105-Ab3x';
const RESENT = '重发 RESENT';
const STAFF = { id: 'u1', username: 'cashier1' };

const ticket = ticketDocument({
	site: '阳光花园物业服务中心',
	label: 'A012',
	service: '物业缴费',
	ahead: { label: '前面等候', value: '3 人' },
	wait: { label: '预计等候', value: '约 15 分钟' },
	takenAt: { label: '取号时间', value: '2026-01-05 09:12' },
	follow: { url: TRACK_URL, caption: '扫码查看排队进度' },
	footer: ['过号请重新取号']
});

function note(text: string): PrintDocument {
	return { blocks: [{ type: 'text', text }, { type: 'cut' }] };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

interface Site {
	dir: string;
	clock: ManualClock;
	store: Store;
	queue: PrintQueue;
	events: DomainEventBus;
	/** Virtual printers the `virtual` target may point at. */
	virtual: { current: VirtualPrinter | null };
}

async function open(
	o: { dir?: string; clock?: ManualClock; timeoutMs?: number } = {}
): Promise<Site> {
	const { dir, clock = new ManualClock('2026-01-05T01:00:00Z') } = o;
	const folder = dir ?? (await mkdtemp(join(tmpdir(), 'foyer-print-')));
	if (!dir) cleanups.push(() => rm(folder, { recursive: true, force: true }));
	const store = await Store.open({ dir: folder, clock, timeZone: () => DEFAULT_TIME_ZONE });
	const virtual: Site['virtual'] = { current: null };
	const events = new DomainEventBus();
	const queue = await PrintQueue.open(store, {
		clock,
		events,
		audit: await AuditService.open(store),
		resentMark: RESENT,
		virtualTarget: () => virtual.current?.url,
		backoffMs: [20, 50, 100],
		sendOptions: { connectTimeoutMs: 1000, timeoutMs: o.timeoutMs ?? 300 },
		log: () => undefined
	});
	const site = { dir: folder, clock, store, queue, events, virtual };
	cleanups.push(() => shut(site));
	return site;
}

async function shut(site: Site): Promise<void> {
	await site.queue.close();
	await site.store.close();
}

async function printer(site: Site, target: string, extra: Partial<PrinterConfig> = {}) {
	return site.queue.savePrinter(STAFF, {
		id: 'desk',
		name: '前台小票机',
		target,
		paper: 58,
		...extra
	});
}

/** Resolves with the job once `pred` holds for it (checked now and on every change). */
function jobWhere(
	{ queue, events }: Pick<Site, 'queue' | 'events'>,
	id: string,
	pred: (j: PrintJob) => boolean
): Promise<PrintJob> {
	return new Promise((resolve, reject) => {
		const guard = setTimeout(() => done(new Error(`job ${id} never got there`)), 20_000);
		const done = (e: Error | null, j?: PrintJob) => {
			clearTimeout(guard);
			off();
			if (e) reject(e);
			else resolve(j!);
		};
		const check = (j: PrintJob | undefined) => {
			if (j?.id === id && pred(j)) done(null, j);
		};
		const off = events.on('print:changed', (c) => {
			if (c.type === 'job') check(c.job);
		});
		void queue.get(id).then(check);
	});
}

/** Resolves with the printer's first `n` jobs once it has them. */
function printerJobs(vp: VirtualPrinter, n: number): Promise<VirtualJob[]> {
	return new Promise((resolve, reject) => {
		const guard = setTimeout(
			() => reject(new Error(`only ${vp.jobs().length} of ${n} jobs`)),
			20_000
		);
		const check = () => {
			if (vp.jobs().length < n) return;
			clearTimeout(guard);
			off();
			resolve(vp.jobs());
		};
		const off = vp.onJob(check);
		check();
	});
}

async function virtualPrinter(port = 0): Promise<VirtualPrinter> {
	const vp = await startVirtualPrinter({ host: '127.0.0.1', port });
	cleanups.push(() => vp.close());
	return vp;
}

/** A TCP server on loopback whose connections `behave` as told; resolves with its port. */
async function misbehaving(behave: (s: Socket) => void) {
	const sockets = new Set<Socket>();
	let accepted!: () => void;
	const connected = new Promise<void>((r) => (accepted = r));
	const server = createServer((s) => {
		sockets.add(s);
		accepted();
		s.on('error', () => undefined);
		behave(s);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as { port: number };
	const close = () =>
		new Promise<void>((r) => {
			for (const s of sockets) s.destroy();
			server.close(() => r());
		});
	cleanups.push(close);
	return { port, url: `tcp://127.0.0.1:${port}`, close, connected };
}

/** A port where nothing listens: a server is started there and closed again. */
async function refusingPort(): Promise<number> {
	const s = await misbehaving(() => undefined);
	await s.close();
	return s.port;
}

describe('a printer that is not there', () => {
	it('keeps the job queued with a readable error, and prints it once when the printer comes back', async () => {
		const site = await open();
		const port = await refusingPort();
		await printer(site, `tcp://127.0.0.1:${port}`);

		const job = await site.queue.enqueue(null, {
			printerId: 'desk',
			kind: 'ticket',
			document: ticket
		});
		// Answered from the disk, before the printer was even tried.
		expect(job).toMatchObject({ status: 'queued', attempts: 0, lastError: null });

		const failed = await jobWhere(site, job.id, (j) => j.lastError !== null);
		expect(failed).toMatchObject({ status: 'queued', maybePrinted: false });
		expect(failed.lastError).toMatchObject({
			code: 'refused',
			key: 'error.printer.refused',
			values: { target: `tcp://127.0.0.1:${port}` }
		});
		const [status] = site.queue.status();
		expect(status).toMatchObject({ id: 'desk', state: 'offline', queued: 1 });

		// The printer is switched on: same address, and the backoff brings the job to it.
		const vp = await virtualPrinter(port);
		const printed = await jobWhere(site, job.id, (j) => j.status === 'printed');
		expect(printed.attempts).toBeGreaterThan(1);
		expect(printed.printedAt).not.toBeNull();
		expect(site.queue.status()[0]).toMatchObject({ state: 'online', queued: 0, lastError: null });

		const jobs = vp.jobs();
		expect(jobs).toHaveLength(1);
		const receipt = decodeReceipt(jobs[0]!.bytes);
		expect(receipt.text).toContain('阳光花园物业服务中心');
		expect(receipt.text).toContain('前面等候');
		expect(receipt.lines.find((l) => l.text === 'A012')).toMatchObject({ size: 4, bold: true });
		expect(receipt.qr).toEqual([TRACK_URL]);
		expect(receipt.text).not.toContain(RESENT); // nothing had reached a printer before
	});
});

describe('a printer that accepts the connection but never takes the job', () => {
	it('times out as stalled, and the copy sent after switching the target says it is resent', async () => {
		// Long enough that the second enqueue below surely lands while the first send hangs.
		const site = await open({ timeoutMs: 1500 });
		const hang = await misbehaving((s) => s.pause());
		await printer(site, hang.url);

		const job = await site.queue.enqueue(STAFF, {
			printerId: 'desk',
			kind: 'ticket',
			document: ticket
		});
		await hang.connected; // the job is now going to a printer that will not take it…
		const next = await site.queue.enqueue(STAFF, {
			printerId: 'desk',
			kind: 'test',
			document: note('下一张')
		});
		// …and the next caller is answered all the same, while the first send still hangs.
		expect(next.status).toBe('queued');
		expect(await site.queue.get(job.id)).toMatchObject({ status: 'printing', lastError: null });

		const stalled = await jobWhere(site, job.id, (j) => j.lastError?.code === 'stalled');
		expect(stalled).toMatchObject({ status: 'queued', maybePrinted: true });
		expect(site.queue.status()[0]).toMatchObject({ state: 'error', queued: 2 });

		site.virtual.current = await virtualPrinter();
		await printer(site, 'virtual');
		await jobWhere(site, next.id, (j) => j.status === 'printed');
		const [resent, after, ...more] = site.virtual.current.jobs().map((j) => decodeReceipt(j.bytes));
		expect(more).toEqual([]);
		expect(resent!.lines[0]).toMatchObject({ text: RESENT, bold: true });
		expect(resent!.text).toContain('A012');
		expect(after!.text).toContain('下一张');
		expect(after!.text).not.toContain(RESENT);
		expect(await site.queue.get(job.id)).toMatchObject({ status: 'printed' });
	});
});

describe('a printer that drops the connection mid-job', () => {
	it('records the job as dropped and prints it exactly once when the printer is back', async () => {
		const site = await open();
		const flaky = await misbehaving((s) => s.once('data', () => s.resetAndDestroy()));
		await printer(site, flaky.url);

		const job = await site.queue.enqueue(null, {
			printerId: 'desk',
			kind: 'receipt',
			document: ticket
		});
		const dropped = await jobWhere(site, job.id, (j) => j.lastError?.code === 'dropped');
		expect(dropped).toMatchObject({ status: 'queued', maybePrinted: true });

		await flaky.close();
		const vp = await virtualPrinter(flaky.port);
		site.queue.retryNow('desk');
		await jobWhere(site, job.id, (j) => j.status === 'printed');
		const [only, ...more] = await printerJobs(vp, 1);
		expect(more).toEqual([]);
		expect(decodeReceipt(only!.bytes).text).toContain(RESENT);
	});
});

describe('a burst of jobs', () => {
	it('prints 10 jobs queued at once in order, each exactly once', async () => {
		const site = await open();
		const vp = await virtualPrinter();
		await printer(site, vp.url);

		const jobs = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				site.queue.enqueue(null, {
					printerId: 'desk',
					kind: 'test',
					document: note(`第${i + 1}张 No.${i + 1}`)
				})
			)
		);
		await Promise.all(jobs.map((j) => jobWhere(site, j.id, (x) => x.status === 'printed')));
		const received = vp.jobs();
		expect(received.map((r) => decodeReceipt(r.bytes).lines[0]!.text)).toEqual(
			Array.from({ length: 10 }, (_, i) => `第${i + 1}张 No.${i + 1}`)
		);
		expect(received.every((r) => r.complete)).toBe(true);
		const stored = await site.queue.list();
		expect(stored.map((j) => [j.status, j.attempts])).toEqual(Array(10).fill(['printed', 1]));
	});
});

describe('a restart', () => {
	it('resumes queued jobs in order and resends, marked, the one the server died sending', async () => {
		const first = await open();
		const port = await refusingPort();
		await printer(first, `tcp://127.0.0.1:${port}`);
		const ids: string[] = [];
		for (const n of [1, 2, 3]) {
			const j = await first.queue.enqueue(null, {
				printerId: 'desk',
				kind: 'test',
				document: note(`任务${n}`)
			});
			ids.push(j.id);
		}
		await jobWhere(first, ids[0]!, (j) => j.lastError?.code === 'refused');
		await first.queue.close();
		// As if the server died while sending the first job: it is on disk as `printing`.
		const log = await first.store.collection('printjobs', (d) => printJobSchema.parse(d));
		await log.update(ids[0]!, (j) => ({ ...j, status: 'printing' }));
		await first.store.close(); // (closing twice at the end is harmless)

		const vp = await virtualPrinter(port);
		const second = await open({ dir: first.dir, clock: first.clock });
		const received = await printerJobs(vp, 3);
		await jobWhere(second, ids[2]!, (j) => j.status === 'printed');
		const texts = received.map((r) => decodeReceipt(r.bytes).text);
		expect(texts[0]).toContain(RESENT);
		expect(texts[0]).toContain('任务1');
		expect(texts[1]).toContain('任务2');
		expect(texts[2]).toContain('任务3');
		expect(texts[1]).not.toContain(RESENT);
		const resumed = await second.queue.get(ids[0]!);
		expect(resumed).toMatchObject({ status: 'printed', maybePrinted: true });
		expect(vp.jobs()).toHaveLength(3);
	});
});

describe('staff actions', () => {
	it('cancel, expiry, retry and an explicit reprint', async () => {
		const site = await open();
		const port = await refusingPort();
		await printer(site, `tcp://127.0.0.1:${port}`);
		const expiresAt = new Date(site.clock.now().getTime() + 60_000).toISOString();
		const a = await site.queue.enqueue(null, {
			printerId: 'desk',
			kind: 'ticket',
			document: note('A'),
			expiresAt
		});
		const b = await site.queue.enqueue(null, {
			printerId: 'desk',
			kind: 'test',
			document: note('B')
		});
		await jobWhere(site, a.id, (j) => j.lastError?.code === 'refused');

		expect((await site.queue.cancel(STAFF, b.id)).status).toBe('cancelled');
		site.clock.advance(120_000);
		site.queue.retryNow();
		const expired = await jobWhere(site, a.id, (j) => j.status === 'failed');
		expect(expired.lastError).toMatchObject({ code: 'expired', key: 'error.printJob.expired' });

		const vp = await virtualPrinter(port);
		await site.queue.retry(STAFF, a.id);
		await jobWhere(site, a.id, (j) => j.status === 'printed');
		await expect(site.queue.cancel(STAFF, a.id)).rejects.toMatchObject({
			key: 'error.printJobNotCancellable'
		});

		const again = await site.queue.reprint(STAFF, a.id, { banner: '重打 REPRINT' });
		expect(again).toMatchObject({ reprintOf: a.id, by: 'cashier1' });
		await jobWhere(site, again.id, (j) => j.status === 'printed');
		const texts = (await printerJobs(vp, 2)).map((r) => decodeReceipt(r.bytes).text);
		expect(texts[0]).toMatch(/^A/);
		expect(texts[1]).toContain('重打 REPRINT');
		expect(vp.jobs()).toHaveLength(2); // B was cancelled
	});
});
