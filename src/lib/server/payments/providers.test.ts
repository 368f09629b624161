import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '$lib/domain/time';
import { FakeAlipay } from '../../../../tests/helpers/fake-alipay';
import { FakeWechat } from '../../../../tests/helpers/fake-wechat';
import { buildProviders, paymentsConfigSchema } from './config';
import { NotificationRejected, ProviderError, type PaymentProvider } from './provider';
import { merchantSerial } from './config';

const soon = () => new Date(Date.now() + 5 * 60_000);
const order = (reference: string, amountFen = 12_345) => ({
	reference,
	amountFen,
	description: '翠湖花园 物业费 3栋2单元**01',
	expiresAt: soon(),
	origin: 'http://127.0.0.1'
});

describe('WeChat Pay provider against the faithful fake', () => {
	const fake = new FakeWechat();
	let wechat: PaymentProvider;
	beforeAll(async () => {
		await fake.start();
		const { merchantCertificate, ...rest } = fake.config();
		const config = paymentsConfigSchema.parse({
			wechat: { ...rest, serialNo: merchantSerial(merchantCertificate) }
		});
		wechat = buildProviders(config, { clock: systemClock })[0]!;
	});
	afterAll(() => fake.stop());

	it('orders with a signed request the fake accepts, and shows WeChat’s code_url', async () => {
		const created = await wechat.create(order('W1'));
		expect(created.qrPayload).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
		expect(fake.refused).toEqual([]);
		expect(fake.orders.get('W1')!.timeExpire).toMatch(/\+08:00$/);
		expect((await wechat.query('W1')).state).toBe('pending');
	});

	it('reads a payment from the query and from a verified, decrypted notification alike', async () => {
		await wechat.create(order('W2', 500));
		const paid = await fake.pay('W2', { notify: false });
		const byQuery = await wechat.query('W2');
		expect(byQuery).toMatchObject({
			state: 'paid',
			transactionId: paid.transactionId,
			amountFen: 500
		});
		const body = fake.notification(paid);
		const byNotice = wechat.verifyNotification({ headers: fake.signedHeaders(body), body });
		expect(byNotice).toMatchObject({
			reference: 'W2',
			state: 'paid',
			transactionId: paid.transactionId,
			amountFen: 500
		});
	});

	it('refuses forged, stale and foreign-merchant notifications', async () => {
		const paid = fake.orders.get('W2')!;
		const body = fake.notification(paid);
		const reason = (f: () => unknown) => {
			try {
				f();
			} catch (e) {
				return (e as NotificationRejected).reason;
			}
			return null;
		};
		expect(
			reason(() =>
				wechat.verifyNotification({ headers: fake.signedHeaders(body, { forge: true }), body })
			)
		).toBe('signature');
		expect(
			reason(() =>
				wechat.verifyNotification({
					headers: fake.signedHeaders(body, { staleMs: 6 * 60_000 }),
					body
				})
			)
		).toBe('stale');
		const foreign = fake.notification(paid, { mchid: '1230000109' });
		expect(
			reason(() =>
				wechat.verifyNotification({ headers: fake.signedHeaders(foreign), body: foreign })
			)
		).toBe('merchant');
		expect(wechat.reply(false, 'signature').status).toBe(401);
		expect(wechat.reply(true)).toMatchObject({ status: 204, body: '' });
	});

	it('closes an unpaid order, refunds once per out_refund_no, and reads the gzip bill', async () => {
		await wechat.create(order('W3'));
		expect((await wechat.close('W3')).state).toBe('closed');
		const paid = fake.orders.get('W2')!;
		const a = await wechat.refund({
			reference: 'W2',
			transactionId: paid.transactionId!,
			amountFen: 500,
			reason: 'void'
		});
		const b = await wechat.refund({
			reference: 'W2',
			transactionId: paid.transactionId!,
			amountFen: 500,
			reason: 'void'
		});
		expect(a).toEqual(b);
		expect(paid.refunds).toHaveLength(1);
		// Accepted first (PROCESSING), done later (SUCCESS), as WeChat does.
		const refundStatus = () => wechat.refundStatus!({ reference: 'W2', refundId: a.refundId });
		expect(await refundStatus()).toBe('pending');
		await expect.poll(refundStatus).toBe('succeeded');
		const bill = await wechat.bill!('2026-12-02');
		expect(bill).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					kind: 'payment',
					reference: 'W2',
					amountFen: 500,
					transactionId: paid.transactionId
				}),
				expect.objectContaining({ kind: 'refund', reference: 'W2', amountFen: 500 })
			])
		);
	});

	it('says plainly what is wrong: answers signed with another key, a clock off, a dead host', async () => {
		fake.knobs.signAnswersWrongly = true;
		await expect(wechat.testConnection!()).rejects.toMatchObject({ code: 'answer' });
		fake.knobs.signAnswersWrongly = false;
		fake.knobs.clockSkewMs = 10 * 60_000;
		await expect(wechat.testConnection!()).rejects.toMatchObject({ code: 'signature' });
		fake.knobs.clockSkewMs = 0;
		await expect(wechat.testConnection!()).resolves.toBeUndefined();
		fake.knobs.fail5xx = true;
		await expect(wechat.testConnection!()).rejects.toBeInstanceOf(ProviderError);
		fake.knobs.fail5xx = false;
	});
});

describe('Alipay provider against the faithful fake', () => {
	const fake = new FakeAlipay();
	let alipay: PaymentProvider;
	beforeAll(async () => {
		await fake.start();
		alipay = buildProviders(paymentsConfigSchema.parse({ alipay: fake.config() }), {
			clock: systemClock
		})[0]!;
	});
	afterAll(() => fake.stop());

	it('precreates a QR; before the scan "trade does not exist" reads as not paid', async () => {
		const created = await alipay.create(order('A1', 12_345));
		expect(created.qrPayload).toMatch(/^https:\/\/qr\.alipay\.com\//);
		expect(fake.trades.get('A1')!.total).toBe('123.45');
		expect((await alipay.query('A1')).state).toBe('pending');
		expect(fake.refused).toEqual([]);
	});

	it('reads the payment by query and by a verified notification; refuses forged and foreign ones', async () => {
		const t = await fake.pay('A1', { notify: false });
		expect(await alipay.query('A1')).toMatchObject({
			state: 'paid',
			transactionId: t.tradeNo,
			amountFen: 12_345
		});
		const form = fake.notification(t);
		expect(alipay.verifyNotification({ headers: {}, body: form })).toMatchObject({
			state: 'paid',
			amountFen: 12_345
		});
		expect(() =>
			alipay.verifyNotification({ headers: {}, body: fake.notification(t, { forge: true }) })
		).toThrow(NotificationRejected);
		expect(() =>
			alipay.verifyNotification({
				headers: {},
				body: fake.notification(t, { appId: '2021999999999999' })
			})
		).toThrow(/foreign/);
		expect(alipay.reply(true).body).toBe('success');
	});

	it('closes an unscanned order by cancelling it, so a late scan is refused', async () => {
		await alipay.create(order('A2'));
		expect((await alipay.close('A2')).state).toBe('closed');
		await expect(fake.pay('A2')).rejects.toThrow(/cancelled/);
	});

	it('refunds once per out_request_no and reads the zip of GBK CSVs', async () => {
		const t = fake.trades.get('A1')!;
		const input = { reference: 'A1', transactionId: t.tradeNo!, amountFen: 12_345, reason: 'void' };
		const a = await alipay.refund(input);
		await alipay.refund(input);
		expect(t.refunds).toHaveLength(1);
		expect(await alipay.refundStatus!({ reference: 'A1', refundId: a.refundId })).toBe('succeeded');
		const bill = await alipay.bill!('2026-12-02');
		expect(bill).toEqual([
			expect.objectContaining({
				kind: 'payment',
				reference: 'A1',
				amountFen: 12_345,
				transactionId: t.tradeNo
			}),
			expect.objectContaining({ kind: 'refund', reference: 'A1', amountFen: 12_345 })
		]);
	});

	it('refuses answers not signed by Alipay', async () => {
		fake.knobs.signAnswersWrongly = true;
		await expect(alipay.testConnection!()).rejects.toMatchObject({ code: 'answer' });
		fake.knobs.signAnswersWrongly = false;
		await expect(alipay.testConnection!()).resolves.toBeUndefined();
	});
});
