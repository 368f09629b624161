import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealProvidersRig } from '../helpers/real-providers';
import { login, removeDir } from '../helpers/server';

/**
 * A day's reconciliation (对账) run through the built server, as the cashier does it on
 * /desk/close, against WeChat's fake trade bill: one payment WeChat took that Foyer never
 * booked, one amount that differs, one refund (a manager's void), and one wrong-amount payment
 * Foyer gave back by itself.
 */
const rig = new RealProvidersRig();
let cookie = '';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
	await rig.start();
	cookie = await login(rig.server);
});
afterAll(async () => {
	await rig.stop();
	await removeDir(rig.server.dataDir);
});

const deskAction = (path: string, fields: Record<string, string>) => rig.deskAction(path, fields);

/** The day's rows as the exported CSV has them: transaction id → [status, paid…, note]. */
async function rows(): Promise<Map<string, string[]>> {
	const res = await fetch(`${rig.server.url}/desk/close/reconciliation.csv?day=${today()}`, {
		headers: { cookie }
	});
	expect(res.status).toBe(200);
	const lines = (await res.text()).trim().split('\r\n').slice(1);
	return new Map(lines.map((l) => l.split(',')).map((c) => [c[1]!, c.slice(3)]));
}

describe('a day’s reconciliation with WeChat through the server', () => {
	it('finds the missing booking, the amount difference and the refund; the missing one is booked', async () => {
		const { wechat } = rig;
		// 1. Paid and settled normally: matched.
		const ok = await rig.openPayment('wechat');
		await wechat.pay(ok.intent.id);
		// 2. Settled, but WeChat's bill says one yuan more: differs.
		const more = await rig.openPayment('wechat');
		await wechat.pay(more.intent.id);
		// 3. Settled, then voided by a manager: refunded at WeChat, matched with its refund.
		const back = await rig.openPayment('wechat');
		await wechat.pay(back.intent.id);
		// 4. A wrong amount: Foyer flagged it and gave it back by itself.
		const wrong = await rig.openPayment('wechat');
		wechat.orders.get(wrong.intent.id)!.total = 1;
		await wechat.pay(wrong.intent.id);
		for (const p of [ok, more, back])
			await expect.poll(() => rig.status(p.intent.id, p.visit)).toBe('paid');
		await expect.poll(() => rig.status(wrong.intent.id, wrong.visit)).toBe('flagged');
		wechat.orders.get(more.intent.id)!.total += 100;
		const settled = rig.audit(back.intent.id).find((e) => e.action === 'payment.settled')!;
		const voided = await deskAction('/desk/fees?/void', {
			entryId: String(settled.detail.entry),
			reason: '住户重复缴费'
		});
		expect(voided.type).toBe('success');
		// 5. The resident cancelled at the kiosk, yet WeChat's bill has the payment (paid at that
		// very moment, its notification lost): money Foyer never booked.
		const missed = await rig.openPayment('wechat');
		await rig.post(`/api/kiosk/pay/${missed.intent.id}/cancel`, { visit: missed.visit });
		await expect.poll(() => rig.status(missed.intent.id, missed.visit)).toBe('cancelled');
		const missedTxn = '4200000000202612030000000001';
		wechat.extraBillRows.push(
			wechat.billRow({
				transactionId: missedTxn,
				outTradeNo: missed.intent.id,
				total: missed.intent.amountFen
			})
		);

		expect((await deskAction('/desk/close?/reconcile', { day: today() })).type).toBe('success');
		const txn = (id: string) => wechat.orders.get(id)!.transactionId!;
		const r = await rows();
		expect(r.get(txn(ok.intent.id))![0]).toBe('matched');
		expect(r.get(txn(more.intent.id))!.slice(0, 3)).toEqual([
			'differs',
			((more.intent.amountFen + 100) / 100).toFixed(2),
			'0.00'
		]);
		const refunded = (back.intent.amountFen / 100).toFixed(2);
		expect(r.get(txn(back.intent.id))!.slice(0, 5)).toEqual([
			'matched',
			refunded,
			refunded,
			refunded,
			refunded
		]);
		// Given back by Foyer, so not "at the provider only".
		expect(r.get(txn(wrong.intent.id))!.slice(0, 3)).toEqual(['matched', '0.01', '0.01']);
		expect(r.get(missedTxn)![0]).toBe('providerOnly');

		// The cashier books the missing payment: the bills are paid, the row resolved, audited.
		const booked = await deskAction('/desk/close?/act', {
			day: today(),
			provider: 'wechat',
			transactionId: missedTxn,
			action: 'book',
			note: '住户已付款，补记入账'
		});
		expect(booked.type, JSON.stringify(booked)).toBe('success');
		const bills = await rig.post<{ bills: unknown[] }>('/api/kiosk/bills', {
			visit: missed.visit
		});
		expect(bills.body.bills).toEqual([]);
		expect(rig.audit(missed.intent.id).map((e) => e.action)).toContain('payment.booked');
		expect((await rows()).get(missedTxn)!.slice(-2)).toEqual(['admin', '住户已付款，补记入账']);
		// Booking it twice is refused.
		const again = await deskAction('/desk/close?/act', {
			day: today(),
			provider: 'wechat',
			transactionId: missedTxn,
			action: 'book',
			note: '再来一次'
		});
		expect(again.type).toBe('failure');
	});
});
