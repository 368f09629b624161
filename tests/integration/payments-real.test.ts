import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentView } from '../../src/lib/domain/payment';
import { merchantSerial, paymentsConfigSchema } from '../../src/lib/server/payments/config';
import { FakeAlipay } from '../helpers/fake-alipay';
import { FakeWechat } from '../helpers/fake-wechat';
import { removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server';

let server: RunningServer;
const wechat = new FakeWechat();
const alipay = new FakeAlipay();

beforeAll(async () => {
	await Promise.all([wechat.start(), alipay.start()]);
	// Configured as the desk saves it, before the first start: both providers on.
	const dataDir = await tempDataDir();
	const { merchantCertificate, ...w } = wechat.config();
	const config = paymentsConfigSchema.parse({
		wechat: { ...w, serialNo: merchantSerial(merchantCertificate) },
		alipay: alipay.config()
	});
	mkdirSync(join(dataDir, 'secrets'), { mode: 0o700 });
	writeFileSync(join(dataDir, 'secrets', 'payments.json'), JSON.stringify(config), { mode: 0o600 });
	server = await startServer({ dataDir });
	wechat.notifyTo = `${server.url}/api/payments/notify/wechat`;
	alipay.notifyTo = `${server.url}/api/payments/notify/alipay`;
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
	await Promise.all([wechat.stop(), alipay.stop()]);
});

function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify(body)
	}).then(async (r) => ({ status: r.status, body: (await r.json()) as T }));
}

const used = new Set<string>();

/** A resident identifies at the kiosk, sees both providers offered, and picks one. */
async function openPayment(_unit: string, provider: 'wechat' | 'alipay') {
	// A unit not used by an earlier test, so it still owes its bills.
	const site = JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
		residents: { unitId: string }[];
	};
	const unitId = site.residents.map((r) => r.unitId).find((u) => !used.has(u))!;
	used.add(unitId);
	const residents = readFileSync(join(server.dataDir, 'site.json'), 'utf8');
	const phone = (
		JSON.parse(residents) as { residents: { unitId: string; phone: string }[] }
	).residents.find((r) => r.unitId === unitId)!.phone;
	const [building, entrance, room] = unitId.split('-');
	const id = await post<{ visit: { token: string } }>('/api/kiosk/identify', {
		building,
		entrance,
		room,
		phoneTail: phone.slice(-4)
	});
	const visit = id.body.visit.token;
	const bills = await post<{ bills: { id: string; amountFen: number }[]; providers: string[] }>(
		'/api/kiosk/bills',
		{ visit }
	);
	expect(bills.body.providers).toEqual(['wechat', 'alipay']);
	const pay = await post<{ intent: IntentView }>('/api/kiosk/pay', {
		visit,
		billIds: bills.body.bills.map((b) => b.id),
		provider
	});
	expect(pay.status).toBe(201);
	expect(pay.body.intent.provider).toBe(provider);
	return { visit, intent: pay.body.intent };
}

const status = async (id: string, visit: string) =>
	(await post<{ intent: IntentView }>(`/api/kiosk/pay/${id}`, { visit })).body.intent.status;

describe.each(['wechat', 'alipay'] as const)(
	'real provider %s at the kiosk (against its fake)',
	(name) => {
		const fake = () => (name === 'wechat' ? wechat : alipay);

		it('shows the provider’s QR, and turns paid by its notification', async () => {
			const { intent, visit } = await openPayment('2-1-301', name);
			expect(intent.qrPayload).toMatch(
				name === 'wechat' ? /^weixin:\/\// : /^https:\/\/qr\.alipay\.com\//
			);
			await fake().pay(intent.id);
			await expect.poll(() => status(intent.id, visit), { timeout: 3000 }).toBe('paid');
			if (name === 'alipay') expect(alipay.replies.at(-1)).toBe('success');
		});

		it('with notifications blocked (behind NAT), turns paid by status query within 3 s', async () => {
			const { intent, visit } = await openPayment('3-2-702', name);
			const started = Date.now();
			await fake().pay(intent.id, { notify: false });
			await expect
				.poll(() => status(intent.id, visit), { timeout: 3000, interval: 100 })
				.toBe('paid');
			expect(Date.now() - started).toBeLessThan(3000);
		});

		it('settles ten duplicate notifications as one payment', async () => {
			const { intent, visit } = await openPayment('4-1-201', name);
			await fake().pay(intent.id, { times: 10 });
			await expect.poll(() => status(intent.id, visit)).toBe('paid');
			const bills = await post<{ bills: unknown[] }>('/api/kiosk/bills', { visit });
			expect(bills.body.bills).toEqual([]);
			// One settlement in the audit log (the day's file of JSON lines).
			const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
			const lines = readFileSync(join(server.dataDir, 'audit', `${day}.log`), 'utf8').split('\n');
			const settled = lines.filter((l) => l.includes('"payment.settled"') && l.includes(intent.id));
			expect(settled).toHaveLength(1);
		});
	}
);

describe('refusals', () => {
	it('refuses forged, stale and foreign-merchant WeChat notifications without success', async () => {
		const { intent, visit } = await openPayment('5-2-1001', 'wechat');
		const order = await wechat.pay(intent.id, { notify: false });
		const body = wechat.notification(order);
		const forged = await wechat.deliver(body, { forge: true });
		expect(forged.status).toBeGreaterThanOrEqual(400);
		expect(JSON.parse(forged.body)).toMatchObject({ code: 'FAIL' });
		expect((await wechat.deliver(body, { staleMs: 10 * 60_000 })).status).toBeGreaterThanOrEqual(
			400
		);
		const foreign = wechat.notification(order, { mchid: '1230000109' });
		expect((await wechat.deliver(foreign)).status).toBeGreaterThanOrEqual(400);
		// The genuine one is accepted with WeChat's empty 204.
		const genuine = await wechat.deliver(body);
		expect([200, 204], server.output().slice(-3000)).toContain(genuine.status);
		await expect.poll(() => status(intent.id, visit)).toBe('paid');
	});

	it('refuses a forged Alipay notification with a reply other than success, and flags a wrong amount', async () => {
		const { intent, visit } = await openPayment('1-2-902', 'alipay');
		const trade = alipay.trades.get(intent.id)!;
		// Alipay took 0.01 yuan for this order: by query or notification, it is flagged, not paid.
		trade.total = '0.01';
		trade.scanned = true;
		trade.status = 'TRADE_SUCCESS';
		trade.tradeNo = `2026${Date.now()}`;
		trade.gmtPayment = '2026-12-03 10:00:00';
		expect(await alipay.deliver(alipay.notification(trade, { forge: true }))).not.toBe('success');
		expect(
			await alipay.deliver(alipay.notification(trade, { appId: '2021999999999999' }))
		).not.toBe('success');
		await alipay.deliver(alipay.notification(trade));
		await expect.poll(() => status(intent.id, visit)).toBe('flagged');
	});
});
