import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { DomainEventBus } from '../events';
import { SandboxProvider, notificationBody, signNotification } from '../payments/sandbox';
import { demoSite } from '../seed';
import { Store } from '../store/store';
import { AuditService } from '../audit/audit';
import { KIOSK_DRAWER } from '$lib/domain/fees';
import { FeesService } from './ledger';
import { PaymentService } from './payments';
import type { IncomingNotification } from '../payments/provider';
import { SiteService } from '../site/site';

const SECRET = 'test-secret';
const UNIT = '2-1-301';
let dir: string;
let store: Store;
let clock: ManualClock;
let sandbox: SandboxProvider;
let printed: string[];

async function open() {
	store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	const events = new DomainEventBus();
	const audit = await AuditService.open(store);
	const site = await SiteService.open(store, { audit, events });
	if (!site.site.ready) await site.replace(null, demoSite());
	const fees = await FeesService.open(store, { clock, audit, events, site });
	const payments = await PaymentService.open(store, {
		clock,
		audit,
		events,
		fees,
		provider: sandbox
	});
	events.on('payment:settled', ({ entry }) => void printed.push(entry.id));
	return { fees, payments };
}

/** The notification the provider would send for a paid order, signed (or not) now. */
function signed(body: string, secret = SECRET, at = clock.now()) {
	const headers = signNotification(secret, body, {
		timestamp: Math.floor(at.getTime() / 1000),
		nonce: 'N' + Math.random()
	});
	return { headers, body };
}

async function openIntent(s: Awaited<ReturnType<typeof open>>) {
	await s.fees.runs.run(null, { period: '2026-11' });
	const billIds = s.fees.unpaid(UNIT).map((b) => b.id);
	return s.payments.create({
		unitId: UNIT,
		billIds,
		kioskId: null,
		origin: 'http://127.0.0.1:9',
		locale: 'zh-CN'
	});
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-pay-'));
	clock = new ManualClock('2026-11-26T02:00:00Z');
	printed = [];
	// Notifications are sent by hand here (fetch refuses); the sandbox would retry on its own.
	sandbox = new SandboxProvider({
		clock,
		secret: SECRET,
		fetch: () => Promise.reject(new Error('offline')),
		retryDelaysMs: [],
		log: () => {}
	});
});
afterEach(async () => {
	sandbox.stop();
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

/** A sandbox notification, through the service as the notify route hands it over. */
function notifyOf(payments: PaymentService, n: IncomingNotification) {
	return payments.notify('sandbox', n)!;
}

describe('QR payment settlement', () => {
	it('settles ten identical notifications at once as one payment and one receipt', async () => {
		const s = await open();
		const intent = await openIntent(s);
		const order = await sandbox.pay(intent.id, { notify: false });
		const body = notificationBody(order);
		const replies = await Promise.all(
			Array.from({ length: 10 }, () => notifyOf(s.payments, signed(body)))
		);
		expect(replies.every((r) => r.status === 200)).toBe(true);
		expect(s.fees.entries(UNIT)).toHaveLength(1);
		expect(printed).toHaveLength(1);
		expect((await s.payments.get(intent.id))?.status).toBe('paid');
		expect(s.fees.unpaid(UNIT)).toEqual([]);
	});

	it('rejects a forged signature and a stale notification and changes nothing', async () => {
		const s = await open();
		const intent = await openIntent(s);
		const body = notificationBody(await sandbox.pay(intent.id, { notify: false }));
		expect((await notifyOf(s.payments, signed(body, 'not-the-secret'))).status).toBe(400);
		const tampered = body.replace(/"total":\d+/, '"total":1');
		const real = signed(body);
		expect((await notifyOf(s.payments, { headers: real.headers, body: tampered })).status).toBe(
			400
		);
		const old = new Date(clock.now().getTime() - 6 * 60_000);
		expect((await notifyOf(s.payments, signed(body, SECRET, old))).status).toBe(400);
		expect(s.fees.entries(UNIT)).toEqual([]);
		expect((await s.payments.get(intent.id))?.status).toBe('pending');
	});

	it('refuses a wrong amount, flags it to staff and gives the money back whole', async () => {
		const s = await open();
		const intent = await openIntent(s);
		const order = await sandbox.pay(intent.id, { notify: false });
		const body = notificationBody({ ...order, amountFen: order.amountFen - 100 });
		expect((await notifyOf(s.payments, signed(body))).status).toBe(400);
		const flagged = await s.payments.get(intent.id);
		expect(flagged).toMatchObject({
			status: 'flagged',
			flags: [{ reason: 'amountMismatch', refunded: true }],
			// The sandbox refunds at once (it has no refund query): recorded as done.
			refunds: [{ amountFen: order.amountFen - 100, state: 'succeeded', reason: 'amountMismatch' }]
		});
		expect(s.fees.entries(UNIT)).toEqual([]);
		expect((await s.payments.flagged()).map((i) => i.id)).toEqual([intent.id]);
	});

	it('never takes a paid intent back, and refunds money that arrives after a cancel', async () => {
		const s = await open();
		const intent = await openIntent(s);
		const body = notificationBody(await sandbox.pay(intent.id, { notify: false }));
		await notifyOf(s.payments, signed(body));
		expect((await s.payments.cancel(intent.id, UNIT)).status).toBe('paid');
		clock.advance(10 * 60_000);
		await s.payments.sweep();
		expect((await s.payments.get(intent.id))?.status).toBe('paid');

		// A second visit cancels, but the payment had already gone through on the phone.
		await s.fees.runs.run(null, { period: '2026-12' });
		const second = await s.payments.create({
			unitId: UNIT,
			billIds: s.fees.unpaid(UNIT).map((b) => b.id),
			kioskId: null,
			origin: 'http://127.0.0.1:9',
			locale: 'en'
		});
		const cancelled = await s.payments.cancel(second.id, UNIT);
		expect(cancelled.status).toBe('cancelled');
		await expect(sandbox.pay(second.id)).rejects.toMatchObject({ code: 'closed' });
		// A forged-late success for the closed order (as a misbehaving provider might send):
		const late = notificationBody({
			reference: second.id,
			amountFen: second.amountFen,
			transactionId: '4200000000000000000000000999',
			paidAt: clock.now().toISOString()
		});
		expect((await notifyOf(s.payments, signed(late))).status).toBe(200);
		expect(await s.payments.get(second.id)).toMatchObject({
			status: 'cancelled',
			flags: [{ reason: 'latePayment' }]
		});
		expect(s.fees.unpaid(UNIT).length).toBeGreaterThan(0);
	});

	it('a QR paid after the kiosks’ drawer was closed is flagged and refunded; no new QR opens', async () => {
		const s = await open();
		const intent = await openIntent(s);
		await s.fees.close({ id: 'm1', username: 'manager' }, KIOSK_DRAWER, '2026-11-26');
		await sandbox.pay(intent.id, { notify: false });
		clock.advance(6_000);
		await s.payments.sweep();
		expect(await s.payments.get(intent.id)).toMatchObject({
			flags: [{ reason: 'drawerClosed', refunded: true }]
		});
		expect(s.fees.entries(UNIT)).toHaveLength(0);
		await expect(
			s.payments.create({
				unitId: UNIT,
				billIds: s.fees.unpaid(UNIT).map((b) => b.id),
				kioskId: null,
				origin: 'http://127.0.0.1:9',
				locale: 'zh-CN'
			})
		).rejects.toMatchObject({ key: 'error.kioskClosed', status: 409 });
	});

	it('settles by asking the provider when no notification arrives, also after a restart', async () => {
		let s = await open();
		const intent = await openIntent(s);
		await sandbox.pay(intent.id, { notify: false });
		await store.close();
		s = await open();
		clock.advance(6_000);
		await s.payments.sweep();
		expect(await s.payments.get(intent.id)).toMatchObject({ status: 'paid', settledBy: 'query' });
		expect(s.fees.entries(UNIT)).toHaveLength(1);
	});

	it('expires an unpaid intent, after which it cannot be paid', async () => {
		const s = await open();
		const intent = await openIntent(s);
		clock.advance(5 * 60_000);
		await s.payments.sweep();
		expect((await s.payments.get(intent.id))?.status).toBe('expired');
		await expect(sandbox.pay(intent.id)).rejects.toBeTruthy();
		expect(s.fees.entries(UNIT)).toEqual([]);
	});

	it('opens no QR payment once the kiosks are closed for the day', async () => {
		const s = await open();
		await s.fees.runs.run(null, { period: '2026-11' });
		await s.fees.close({ id: 'm1', username: 'manager' }, KIOSK_DRAWER, s.fees.today());
		await expect(openIntent(s)).rejects.toMatchObject({ key: 'error.kioskClosed' });
	});

	it('answers a notification for an order it never made with FAIL', async () => {
		const s = await open();
		const body = notificationBody({
			reference: '20261126-nosuchorder',
			amountFen: 100,
			transactionId: '4200000000000000000000000001',
			paidAt: clock.now().toISOString()
		});
		const reply = await notifyOf(s.payments, signed(body));
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('unknown');
	});
});
