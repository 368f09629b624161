import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealProvidersRig } from '../helpers/real-providers';
import { removeDir } from '../helpers/server';

/**
 * Real providers (against their fakes) where money goes wrong or comes back: notifications that
 * never arrive, a QR left to expire, a wrong amount, a manager's void. The kiosk's window is
 * short here (PAYMENT_WINDOW_SECONDS) so expiry is seen without waiting five minutes.
 */
const WINDOW_S = 4;
const rig = new RealProvidersRig();

beforeAll(async () => {
	await rig.start({ PAYMENT_WINDOW_SECONDS: String(WINDOW_S) });
});
afterAll(async () => {
	await rig.stop();
	await removeDir(rig.server.dataDir);
});

const actions = (id: string) => rig.audit(id).map((e) => e.action);

const deskAction = (path: string, fields: Record<string, string>) => rig.deskAction(path, fields);

describe.each(['wechat', 'alipay'] as const)('%s, money that goes wrong or back', (name) => {
	it('with the notify route unreachable, the kiosk still turns paid within 3 s by query', async () => {
		const fake = rig.fake(name);
		const { intent, visit } = await rig.openPayment(name);
		// The provider's notification goes to a port where nothing listens (NAT, firewall).
		fake.notifyTo = 'http://127.0.0.1:9/api/payments/notify/' + name;
		const started = Date.now();
		await fake.pay(intent.id).catch(() => undefined);
		await expect
			.poll(() => rig.status(intent.id, visit), { timeout: 3000, interval: 100 })
			.toBe('paid');
		expect(Date.now() - started).toBeLessThan(3000);
		fake.notifyTo = `${rig.server.url}/api/payments/notify/${name}`;
	});

	it('closes the order at the provider when the kiosk’s window passes', async () => {
		const { intent, visit } = await rig.openPayment(name);
		await expect
			.poll(() => rig.status(intent.id, visit), { timeout: (WINDOW_S + 4) * 1000, interval: 200 })
			.toBe('expired');
		if (name === 'wechat') expect(rig.wechat.orders.get(intent.id)!.state).toBe('CLOSED');
		// Never scanned, so Alipay has no trade to close: it is cancelled, and a late scan fails.
		else await expect(rig.alipay.pay(intent.id)).rejects.toThrow(/cancelled/);
		// The audit line is written just after the status it records: wait for it, not the status.
		await expect.poll(() => actions(intent.id)).toContain('payment.expired');
		if (name === 'wechat') {
			// A payment that raced the close still reaches Foyer: flagged, given back, confirmed.
			await rig.wechat.pay(intent.id);
			await expect
				.poll(() => actions(intent.id), { timeout: 5000 })
				.toContain('payment.refundSucceeded');
			const flagged = rig.audit(intent.id).find((e) => e.action === 'payment.flagged')!;
			expect(flagged.detail).toMatchObject({ reason: 'latePayment', refunded: true });
			expect(await rig.status(intent.id, visit)).toBe('expired');
		}
	});

	it('refunds a wrong amount whole, never booking it, and records the refund’s success', async () => {
		const { intent, visit } = await rig.openPayment(name);
		if (name === 'wechat') rig.wechat.orders.get(intent.id)!.total = 1;
		else rig.alipay.trades.get(intent.id)!.total = '0.01';
		await rig.fake(name).pay(intent.id);
		await expect.poll(() => rig.status(intent.id, visit)).toBe('flagged');
		await expect
			.poll(() => actions(intent.id), { timeout: 5000 })
			.toContain('payment.refundSucceeded');
		const flagged = rig.audit(intent.id).find((e) => e.action === 'payment.flagged')!;
		expect(flagged.detail).toMatchObject({ reason: 'amountMismatch', refunded: true });
		if (name === 'wechat') {
			expect(rig.wechat.orders.get(intent.id)!.refunds).toMatchObject([{ amount: 1 }]);
		} else expect(rig.alipay.trades.get(intent.id)!.refunds).toMatchObject([{ amount: '0.01' }]);
	});

	it('a manager’s void of a QR payment refunds it at the provider, and its success is recorded', async () => {
		const { intent, visit } = await rig.openPayment(name);
		await rig.fake(name).pay(intent.id);
		await expect.poll(() => rig.status(intent.id, visit)).toBe('paid');
		const settled = rig.audit(intent.id).find((e) => e.action === 'payment.settled')!;
		const voided = await deskAction('/desk/fees?/void', {
			entryId: String(settled.detail.entry),
			reason: '住户重复缴费'
		});
		expect(voided.type, JSON.stringify(voided)).toBe('success');
		if (name === 'wechat') {
			const [refund] = rig.wechat.orders.get(intent.id)!.refunds;
			expect(refund).toMatchObject({ amount: intent.amountFen });
		} else {
			expect(rig.alipay.trades.get(intent.id)!.refunds).toHaveLength(1);
		}
		await expect
			.poll(() => actions(intent.id), { timeout: 5000 })
			.toContain('payment.refundSucceeded');
		expect(actions(intent.id)).toContain('payment.refundAsked');
	});
});

describe('WeChat refund notifications', () => {
	it('records a refund as succeeded from WeChat’s REFUND.SUCCESS notification', async () => {
		rig.wechat.knobs.refundMs = 60_000; // the query keeps saying PROCESSING
		try {
			const { intent, visit } = await rig.openPayment('wechat');
			await rig.wechat.pay(intent.id);
			await expect.poll(() => rig.status(intent.id, visit)).toBe('paid');
			const settled = rig.audit(intent.id).find((e) => e.action === 'payment.settled')!;
			await deskAction('/desk/fees?/void', {
				entryId: String(settled.detail.entry),
				reason: '住户申请退款'
			});
			const order = rig.wechat.orders.get(intent.id)!;
			const reply = await rig.wechat.deliver(
				rig.wechat.refundNotification(order, order.refunds[0]!)
			);
			expect([200, 204]).toContain(reply.status);
			await expect
				.poll(() => rig.audit(intent.id).at(-1))
				.toMatchObject({
					action: 'payment.refundSucceeded',
					detail: { via: 'notification' }
				});
		} finally {
			rig.wechat.knobs.refundMs = 300;
		}
	});
});
