import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { AuditService } from '../audit/audit';
import { Store } from '../store/store';
import type { PrintDocument } from './document';
import { DomainEventBus } from '../events';
import { PrintQueue } from './print-queue';
import type { PrintChange, PrintJob } from './schema';
import { PrintError, type SendOptions } from './transport';
import type { Timers } from './worker';

const STAFF = { id: 'u1', username: 'cashier1' };
const DOC: PrintDocument = { blocks: [{ type: 'text', text: '收据' }, { type: 'cut' }] };

/** Timers that never fire by themselves: a retry happens only on retryNow(). */
const frozen: Timers = { setTimeout: () => ({}), clearTimeout: () => undefined };

type Send = (target: string, bytes: Buffer, o: SendOptions) => Promise<void>;

let dir: string;
let store: Store;
let audit: AuditService;
let queue: PrintQueue;
let events: DomainEventBus;
let changes: PrintChange[];
let sent: string[];
let behaviour: Send;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-printq-'));
	const clock = new ManualClock('2026-01-05T01:00:00Z');
	store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	audit = await AuditService.open(store);
	changes = [];
	sent = [];
	behaviour = () => Promise.resolve();
	events = new DomainEventBus();
	events.on('print:changed', (c) => changes.push(c));
	queue = await PrintQueue.open(store, {
		clock,
		audit,
		events,
		timers: frozen,
		virtualTarget: () => null,
		send: (target, bytes, o) => {
			sent.push(target);
			return behaviour(target, bytes, o);
		},
		log: () => undefined
	});
	await queue.savePrinter(STAFF, {
		id: 'desk',
		name: '前台',
		target: 'tcp://10.0.0.9:9100',
		paper: 58
	});
});

afterEach(async () => {
	await queue.close();
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

/** Resolves once a job change matching `pred` has been told. */
function told(pred: (j: PrintJob) => boolean): Promise<PrintJob> {
	return new Promise((resolve) => {
		const off = events.on('print:changed', (c) => {
			if (c.type === 'job' && pred(c.job)) {
				off();
				resolve(c.job);
			}
		});
	});
}

describe('PrintQueue', () => {
	it('tells every step of a job in order: queued, printing, printed', async () => {
		const printed = told((j) => j.status === 'printed');
		const job = await queue.enqueue(null, { printerId: 'desk', kind: 'receipt', document: DOC });
		await printed;
		const steps = changes.flatMap((c) =>
			c.type === 'job' && c.job.id === job.id ? [c.job.status] : []
		);
		expect(steps).toEqual(['queued', 'printing', 'printed']);
		const last = changes.at(-1);
		expect(last).toMatchObject({
			type: 'printer',
			printer: { state: 'online', queued: 0, printing: false }
		});
		expect(sent).toEqual(['tcp://10.0.0.9:9100']);
	});

	it('audits what staff queue and set up, not what the system prints', async () => {
		const a = await queue.enqueue(STAFF, { printerId: 'desk', kind: 'receipt', document: DOC });
		await queue.enqueue(null, { printerId: 'desk', kind: 'ticket', document: DOC });
		const actions = (await audit.recent()).map((e) => `${e.action} ${e.target}`);
		expect(actions).toContain(`print.queued ${a.id}`);
		expect(actions).toContain('printer.saved desk');
		expect(actions).toHaveLength(2);
	});

	it('rejects only the caller’s mistakes: an unknown printer, columns wider than the paper', async () => {
		await expect(
			queue.enqueue(null, { printerId: 'nope', kind: 'receipt', document: DOC })
		).rejects.toMatchObject({ key: 'error.printerNotFound', status: 404 });
		const wide: PrintDocument = {
			blocks: [
				{
					type: 'columns',
					cells: [
						{ text: 'a', width: 30 },
						{ text: 'b', width: 20 }
					]
				}
			]
		};
		await expect(
			queue.enqueue(null, { printerId: 'desk', kind: 'receipt', document: wide })
		).rejects.toMatchObject({ key: 'error.printLayout' });
	});

	it('never lets a transport bug escape: an unexpected error is a failed attempt to retry', async () => {
		behaviour = () => Promise.reject(new TypeError('boom'));
		const failed = told((j) => j.lastError !== null);
		const job = await queue.enqueue(null, { printerId: 'desk', kind: 'receipt', document: DOC });
		expect(job.status).toBe('queued');
		expect(await failed).toMatchObject({
			status: 'queued',
			maybePrinted: true,
			lastError: { code: 'failed' }
		});
		expect(queue.status()[0]).toMatchObject({ state: 'error', queued: 1 });

		behaviour = () => Promise.resolve();
		const printed = told((j) => j.status === 'printed');
		queue.retryNow('desk');
		expect((await printed).attempts).toBe(2);
	});

	it('aborts a send in flight on close and leaves its job queued', async () => {
		let started!: () => void;
		const inFlight = new Promise<void>((r) => (started = r));
		behaviour = (target, _b, o) =>
			new Promise((_, reject) => {
				started();
				o.signal?.addEventListener('abort', () => reject(new PrintError('aborted', target, true)));
			});
		const job = await queue.enqueue(null, { printerId: 'desk', kind: 'receipt', document: DOC });
		await inFlight;
		await queue.close();
		expect(await queue.get(job.id)).toMatchObject({
			status: 'queued',
			lastError: { code: 'aborted' }
		});
		expect(queue.status()[0]!.state).toBe('unknown'); // our shutdown says nothing about the printer
	});

	it('will not remove a printer with jobs still to print', async () => {
		behaviour = () => Promise.reject(new PrintError('refused', 'x', false));
		const failed = told((j) => j.lastError !== null);
		await queue.enqueue(null, { printerId: 'desk', kind: 'receipt', document: DOC });
		await failed;
		await expect(queue.removePrinter(STAFF, 'desk')).rejects.toMatchObject({
			key: 'error.printerHasJobs'
		});
	});

	it('reports a virtual printer that is not running as offline, not configured', async () => {
		await queue.savePrinter(STAFF, { id: 'v', name: '虚拟', target: 'virtual', paper: 80 });
		const s = await queue.probe('v');
		expect(s).toMatchObject({ state: 'offline', lastError: { code: 'notConfigured' } });
	});

	it('refuses a printer whose target is neither tcp://, a device path nor virtual', async () => {
		await expect(
			queue.savePrinter(STAFF, { id: 'x', name: 'x', target: 'http://x', paper: 58 })
		).rejects.toThrow('error.printerTarget');
	});
});

describe('PrintQueue in a cluster (only the leader drives the printers)', () => {
	it('records jobs while another process drives, prints them once on taking over, and again only when kicked', async () => {
		await queue.stopWorker();
		const a = await queue.enqueue(STAFF, { printerId: 'desk', kind: 'receipt', document: DOC });
		// Nothing sent by a follower, not even when kicked: the job waits, queued, for the leader.
		await queue.kick();
		expect(sent).toEqual([]);
		expect((await queue.get(a.id))?.status).toBe('queued');

		const printed = told((j) => j.id === a.id && j.status === 'printed');
		await queue.startWorker();
		await printed;
		expect(sent).toEqual(['tcp://10.0.0.9:9100']);
		// A kick finds nothing new: the job is not sent twice.
		await queue.kick();
		await queue.kick();
		expect(sent).toHaveLength(1);
	});
});
