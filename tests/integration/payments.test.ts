import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentView } from '../../src/lib/domain/payment';
import { notificationBody, signNotification } from '../../src/lib/server/payments/sandbox';
import {
	decodeReceipt,
	startVirtualPrinter,
	type VirtualPrinter
} from '../../src/lib/server/printing';
import { login, removeDir, socket, startServer, type RunningServer } from '../helpers/server';

let printer: VirtualPrinter;
let server: RunningServer;

beforeAll(async () => {
	printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
	server = await startServer({ env: { PRINTER: printer.url } });
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
	await printer.close();
});

const dataFile = <T>(name: string) =>
	JSON.parse(readFileSync(join(server.dataDir, name), 'utf8')) as T;

function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify(body)
	}).then(async (r) => ({ status: r.status, body: (await r.json()) as T }));
}

/** A resident identifies at the kiosk and opens a QR payment of everything the unit owes. */
async function openPayment(unitId: string) {
	const site = dataFile<{ residents: { unitId: string; phone: string }[] }>('site.json');
	const phone = site.residents.find((r) => r.unitId === unitId)!.phone;
	const [building, entrance, room] = unitId.split('-');
	const id = await post<{ visit: { token: string } }>('/api/kiosk/identify', {
		building,
		entrance,
		room,
		phoneTail: phone.slice(-4)
	});
	const visit = id.body.visit.token;
	const bills = await post<{ bills: { id: string; amountFen: number }[] }>('/api/kiosk/bills', {
		visit
	});
	expect(bills.body.bills.length).toBeGreaterThan(0);
	const pay = await post<{ intent: IntentView }>('/api/kiosk/pay', {
		visit,
		billIds: bills.body.bills.map((b) => b.id)
	});
	expect(pay.status).toBe(201);
	return {
		visit,
		intent: pay.body.intent,
		totalFen: bills.body.bills.reduce((s, b) => s + b.amountFen, 0)
	};
}

/** The phone page's "confirm payment" button (a SvelteKit form action). */
function confirmOnPhone(qrPayload: string, silent = false) {
	return fetch(qrPayload, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: silent ? 'silent=on' : ''
	});
}

/** Notifications sent from outside, as the provider's servers would, signed with its key. */
function notify(body: string, secret?: string, at = new Date()) {
	const key = secret ?? dataFile<{ secret: string }>('sandbox.json').secret;
	const headers = signNotification(key, body, {
		timestamp: Math.floor(at.getTime() / 1000),
		nonce: Math.random().toString(36).slice(2)
	});
	return fetch(`${server.url}/api/payments/notify/sandbox`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body
	});
}

function sandboxOrder(reference: string) {
	type Order = {
		reference: string;
		amountFen: number;
		transactionId: string | null;
		paidAt: string | null;
	};
	return dataFile<{ orders: Order[] }>('sandbox.json').orders.find(
		(o) => o.reference === reference
	)!;
}

describe('paying fees by QR at the kiosk', () => {
	it('turns the kiosk to paid when the phone pays, and prints a GBK receipt with unit, amount and number', async () => {
		const { intent, totalFen } = await openPayment('2-1-301');
		expect(intent).toMatchObject({ status: 'pending', amountFen: totalFen });
		expect(intent.qrPayload).toBe(`${server.url}/pay/sandbox/${intent.id}`);
		const kiosk = socket(server, '/public');
		kiosk.connect();
		const watched = await kiosk.emitWithAck('payment:watch', intent.id);
		expect(watched).toMatchObject({ id: intent.id, status: 'pending' });
		const paidPush = new Promise<IntentView>((resolve) => kiosk.on('payment:updated', resolve));
		const printed = printer.nextJob();

		expect((await fetch(intent.qrPayload!)).status).toBe(200);
		expect((await confirmOnPhone(intent.qrPayload!)).status).toBe(200);

		const paid = await paidPush;
		expect(paid).toMatchObject({ status: 'paid', qrPayload: null });
		expect(paid.receiptNo).toMatch(/^\d{4}-\d{6}$/);
		const receipt = decodeReceipt((await printed).bytes);
		expect(receipt.text).toContain('2栋1单元301');
		expect(receipt.text).toContain(paid.receiptNo);
		const yuan = (totalFen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
		expect(receipt.text).toContain(`￥${yuan}`);
		expect(receipt.qr).toEqual([
			`${server.url}/r/${paid.receiptToken}`,
			`${server.url}/rate/receipt/${paid.receiptToken}`
		]);
		const eReceipt = await fetch(receipt.qr[0]!);
		expect(await eReceipt.text()).toContain(paid.receiptNo);

		// The resident rates the service at the kiosk; the desk hears it (satisfaction moves).
		const desk = socket(server, '/desk', { cookie: await login(server), origin: server.url });
		desk.connect();
		await new Promise((r) => desk.once('snapshot', r));
		const rated = new Promise<{ score: number }>((r) => desk.once('rating:added', r));
		const rate = await post(`/api/rate/receipt/${paid.receiptToken}`, { score: 5 });
		expect(rate.status).toBe(201);
		expect((await rated).score).toBe(5);
		const again = await post<{ error: { key: string } }>(`/api/rate/receipt/${paid.receiptToken}`, {
			score: 1
		});
		expect(again.body.error.key).toBe('error.alreadyRated');
		desk.disconnect();
		kiosk.disconnect();
	});

	it('settles ten duplicate notifications sent at once as one payment with one receipt', async () => {
		const { intent, visit } = await openPayment('3-2-702');
		await confirmOnPhone(intent.qrPayload!, true); // paid at the provider, no notification sent
		const body = notificationBody(sandboxOrder(intent.id));
		let jobs = 0;
		const off = printer.onJob(() => jobs++);
		const replies = await Promise.all(Array.from({ length: 10 }, () => notify(body)));
		expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
		const state = await post<{ intent: IntentView }>(`/api/kiosk/pay/${intent.id}`, { visit });
		expect(state.body.intent.status).toBe('paid');
		// The one receipt reaches the printer; a second would follow it at once.
		await expect.poll(() => jobs).toBe(1);
		await notify(body);
		expect((await post<{ bills: unknown[] }>('/api/kiosk/bills', { visit })).body.bills).toEqual(
			[]
		);
		expect(jobs).toBe(1);
		off();
	});

	it('rejects forged, tampered and stale notifications and changes nothing', async () => {
		const { intent, visit } = await openPayment('4-1-201');
		await confirmOnPhone(intent.qrPayload!, true);
		const body = notificationBody(sandboxOrder(intent.id));
		expect((await notify(body, 'a-forger-s-key')).status).toBe(400);
		const stale = new Date(Date.now() - 10 * 60_000);
		expect((await notify(body, undefined, stale)).status).toBe(400);
		const noHeaders = await fetch(`${server.url}/api/payments/notify/sandbox`, {
			method: 'POST',
			body
		});
		expect(noHeaders.status).toBe(400);
		const state = await post<{ intent: IntentView }>(`/api/kiosk/pay/${intent.id}`, { visit });
		// Still pending: it is the provider's status query, not a forged message, that settles it.
		expect(state.body.intent.status).toBe('pending');
	});

	it('refuses a notification with the wrong amount and flags it, and ignores one for an unknown order', async () => {
		const { intent, visit } = await openPayment('5-2-1001');
		await confirmOnPhone(intent.qrPayload!, true);
		const order = sandboxOrder(intent.id);
		const wrong = await notify(notificationBody({ ...order, amountFen: order.amountFen + 1 }));
		expect(wrong.status).toBe(400);
		const state = await post<{ intent: IntentView }>(`/api/kiosk/pay/${intent.id}`, { visit });
		expect(state.body.intent.status).toBe('flagged');
		const unknown = notificationBody({ ...order, reference: '20260101-nosuchorder' });
		expect((await notify(unknown)).status).toBe(400);
	});

	it('cancels with nothing charged: the phone page then refuses to pay', async () => {
		const { intent, visit } = await openPayment('1-2-902');
		const cancelled = await post<{ intent: IntentView }>(`/api/kiosk/pay/${intent.id}/cancel`, {
			visit
		});
		expect(cancelled.body.intent.status).toBe('cancelled');
		const phone = await confirmOnPhone(intent.qrPayload!);
		expect(await phone.text()).toContain('订单已关闭');
		expect(sandboxOrder(intent.id).transactionId).toBeNull();
	});

	it('settles by asking the provider when the notification never arrives', async () => {
		const { intent, visit } = await openPayment('1-1-402');
		await confirmOnPhone(intent.qrPayload!, true);
		await expect
			.poll(
				async () =>
					(await post<{ intent: IntentView }>(`/api/kiosk/pay/${intent.id}`, { visit })).body.intent
						.status,
				{ timeout: 15_000 }
			)
			.toBe('paid');
	});
});
