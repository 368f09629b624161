import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealProvidersRig } from '../helpers/real-providers';
import { removeDir } from '../helpers/server';

const rig = new RealProvidersRig();
const { wechat, alipay } = rig;

beforeAll(async () => {
	await rig.start();
});
afterAll(async () => {
	await rig.stop();
	await removeDir(rig.server.dataDir);
});

const openPayment = (_unit: string, provider: 'wechat' | 'alipay') => rig.openPayment(provider);
const status = (id: string, visit: string) => rig.status(id, visit);
const post = <T>(path: string, body: unknown) => rig.post<T>(path, body);

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
			const settled = rig.audit(intent.id).filter((e) => e.action === 'payment.settled');
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
		expect([200, 204], rig.server.output().slice(-3000)).toContain(genuine.status);
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
