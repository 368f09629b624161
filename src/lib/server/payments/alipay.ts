import { randomBytes, type KeyObject } from 'node:crypto';
import type { Clock } from '$lib/domain/time';
import {
	NotificationRejected,
	ProviderError,
	type BillLine,
	type CreateOrder,
	type CreatedOrder,
	type IncomingNotification,
	type OrderStatus,
	type PaymentProvider
} from './provider';
import {
	rsa2Sign,
	rsa2Verify,
	responseSignContent,
	signContent,
	verifyNotifyParams
} from './alipay-crypto';
import { readAlipayBillZip } from './alipay-bill';
import { chinaDateTime, fenToYuan, fromChinaDateTime, yuanToFen } from './money-text';

/** Alipay's production gateway (protocol v2). */
export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';

export interface AlipayOptions {
	clock: Clock;
	appId: string;
	/** The application private key (RSA2). */
	privateKey: KeyObject;
	/** Verifies Alipay's answers and notifications: the Alipay public key, or the key of
	 * alipayCertPublicKey_RSA2.crt in certificate mode. */
	alipayPublicKey: KeyObject;
	/** Certificate mode: app_cert_sn and alipay_root_cert_sn sent with every request. */
	certSn?: { app: string; root: string };
	/** The merchant's own PID (seller_id): a notification for another seller is refused. */
	sellerId?: string;
	notifyUrl?: string;
	gateway?: string;
	fetch?: typeof fetch;
	timeoutMs?: number;
}

type Json = Record<string, unknown>;
const NOT_EXIST = 'ACQ.TRADE_NOT_EXIST';

/**
 * Alipay 当面付 (precreate QR) over protocol v2, hand-written on node:crypto and fetch: the
 * official alipay-sdk installs 12 MB in 78 packages for a ~60-line RSA2 signer. Every request is
 * signed and every answer's signature checked before it is believed.
 */
export class AlipayProvider implements PaymentProvider {
	readonly name = 'alipay';
	readonly queryEveryMs = 1_000;
	readonly #gateway: string;
	readonly #fetch: typeof fetch;
	/** When each order made since start expires: "trade does not exist" means closed after it. */
	readonly #expiries = new Map<string, number>();

	constructor(private readonly o: AlipayOptions) {
		this.#gateway = o.gateway ?? ALIPAY_GATEWAY;
		this.#fetch = o.fetch ?? globalThis.fetch;
	}

	async create(order: CreateOrder): Promise<CreatedOrder> {
		const r = await this.#call('alipay.trade.precreate', {
			out_trade_no: order.reference,
			total_amount: fenToYuan(order.amountFen),
			subject: [...order.description].slice(0, 256).join(''),
			time_expire: chinaDateTime(order.expiresAt)
		});
		if (r.code !== '10000' || typeof r.qr_code !== 'string') throw rejected(r);
		this.#expiries.set(order.reference, order.expiresAt.getTime());
		return { qrPayload: r.qr_code };
	}

	async query(reference: string): Promise<OrderStatus> {
		const r = await this.#call('alipay.trade.query', { out_trade_no: reference });
		if (r.sub_code === NOT_EXIST) {
			// A precreate order exists at Alipay only once scanned: not paid yet, or never.
			const expires = this.#expiries.get(reference);
			const over = expires !== undefined && this.o.clock.now().getTime() >= expires;
			return blank(reference, over ? 'closed' : 'pending');
		}
		if (r.code !== '10000') throw rejected(r);
		return this.#statusOf(r, reference);
	}

	async close(reference: string): Promise<OrderStatus> {
		const r = await this.#call('alipay.trade.close', { out_trade_no: reference });
		if (r.sub_code === NOT_EXIST) {
			// Nobody scanned: cancel so a later scan of the same QR is refused, not taken.
			const c = await this.#call('alipay.trade.cancel', { out_trade_no: reference });
			if (c.code !== '10000' && c.sub_code !== NOT_EXIST) throw rejected(c);
		} else if (r.code !== '10000' && r.sub_code !== 'ACQ.TRADE_STATUS_ERROR') throw rejected(r);
		const final = await this.query(reference).catch(() => blank(reference, 'closed'));
		return final.state === 'pending' ? { ...final, state: 'closed' } : final;
	}

	verifyNotification(n: IncomingNotification): OrderStatus {
		const p = Object.fromEntries(new URLSearchParams(n.body));
		if (!verifyNotifyParams(p, this.o.alipayPublicKey))
			throw new NotificationRejected('signature', 'bad sign');
		if (p.app_id !== this.o.appId || (this.o.sellerId && p.seller_id !== this.o.sellerId))
			throw new NotificationRejected('merchant', 'foreign app_id or seller_id');
		if (!p.out_trade_no) throw new NotificationRejected('malformed', 'no out_trade_no');
		return this.#statusOf(p, p.out_trade_no);
	}

	async refund(input: {
		reference: string;
		transactionId: string;
		amountFen: number;
		reason: string;
	}) {
		// out_request_no is the idempotency key: the same one refunds only once.
		const outRequestNo = `${input.reference}R${input.amountFen}`.slice(0, 64);
		const r = await this.#call('alipay.trade.refund', {
			out_trade_no: input.reference,
			trade_no: input.transactionId,
			refund_amount: fenToYuan(input.amountFen),
			out_request_no: outRequestNo,
			refund_reason: input.reason.slice(0, 256)
		});
		if (r.code !== '10000') throw rejected(r);
		return { refundId: outRequestNo };
	}

	async refundStatus(input: { reference: string; refundId: string }) {
		const r = await this.#call('alipay.trade.fastpay.refund.query', {
			out_trade_no: input.reference,
			out_request_no: input.refundId
		});
		if (r.code !== '10000') throw rejected(r);
		return r.refund_status === 'REFUND_SUCCESS' ? ('succeeded' as const) : ('pending' as const);
	}

	async bill(day: string): Promise<BillLine[]> {
		const r = await this.#call('alipay.data.dataservice.bill.downloadurl.query', {
			bill_type: 'trade',
			bill_date: day
		});
		if (r.sub_code === 'isp.bill_not_exist') return [];
		if (r.code !== '10000' || typeof r.bill_download_url !== 'string') throw rejected(r);
		const res = await this.#fetch(r.bill_download_url, { signal: AbortSignal.timeout(30_000) });
		if (!res.ok) throw new ProviderError('unreachable', `bill download ${res.status}`);
		return readAlipayBillZip(Buffer.from(await res.arrayBuffer()));
	}

	async testConnection(): Promise<void> {
		await this.query(`FOYERTEST${randomBytes(6).toString('hex')}`);
	}

	reply(accepted: boolean) {
		// Exactly the 7 bytes `success`; anything else makes Alipay send again.
		return { status: 200, body: accepted ? 'success' : 'fail', contentType: 'text/plain' };
	}

	#statusOf(t: Record<string, unknown>, reference: string): OrderStatus {
		const s = String(t.trade_status);
		const paid = s === 'TRADE_SUCCESS' || s === 'TRADE_FINISHED';
		// A refund's notice carries out_biz_no (our out_request_no) and gmt_refund: Alipay only
		// notifies refunds that went through.
		const refund =
			typeof t.out_biz_no === 'string' && t.gmt_refund
				? { refund: { refundId: t.out_biz_no, state: 'succeeded' as const } }
				: {};
		// A full refund turns the trade TRADE_CLOSED; its payment was already settled by trade_no.
		return {
			...refund,
			reference,
			state: paid ? 'paid' : s === 'TRADE_CLOSED' ? 'closed' : 'pending',
			transactionId: paid ? String(t.trade_no) : null,
			amountFen: paid ? yuanToFen(String(t.total_amount)) : null,
			paidAt: paid ? fromChinaDateTime(String(t.gmt_payment ?? t.send_pay_date)) : null
		};
	}

	/** Calls a method; returns its verified `…_response` object (any code: callers decide). */
	async #call(method: string, biz: Json): Promise<Json> {
		const params: Record<string, string> = {
			app_id: this.o.appId,
			method,
			format: 'JSON',
			charset: 'utf-8',
			sign_type: 'RSA2',
			timestamp: chinaDateTime(this.o.clock.now()),
			version: '1.0',
			biz_content: JSON.stringify(biz),
			...(this.o.notifyUrl && method === 'alipay.trade.precreate'
				? { notify_url: this.o.notifyUrl }
				: {}),
			...(this.o.certSn
				? { app_cert_sn: this.o.certSn.app, alipay_root_cert_sn: this.o.certSn.root }
				: {})
		};
		params.sign = rsa2Sign(signContent(params), this.o.privateKey);
		let text: string;
		try {
			const res = await this.#fetch(this.#gateway, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
				body: new URLSearchParams(params).toString(),
				signal: AbortSignal.timeout(this.o.timeoutMs ?? 8_000)
			});
			text = await res.text();
			if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
		} catch (e) {
			throw new ProviderError('unreachable', (e as Error).message);
		}
		const key = `${method.replaceAll('.', '_')}_response`;
		let parsed: Json;
		try {
			parsed = JSON.parse(text) as Json;
		} catch {
			throw new ProviderError('answer', 'not JSON');
		}
		const body = (parsed[key] ?? parsed.error_response) as Json | undefined;
		if (!body) throw new ProviderError('answer', 'no response object');
		const content = responseSignContent(text, parsed[key] ? key : 'error_response');
		const signature = typeof parsed.sign === 'string' ? parsed.sign : null;
		if (!signature || !content || !rsa2Verify(content, signature, this.o.alipayPublicKey)) {
			// Alipay leaves its refusals of our own signature unsigned.
			if (
				String(body.sub_code ?? '').includes('invalid-signature') ||
				String(body.sub_code ?? '').includes('cert')
			)
				throw new ProviderError(
					'signature',
					`${String(body.sub_code)} ${String(body.sub_msg ?? '')}`
				);
			if (body.code === '20001' || String(body.sub_code ?? '').includes('invalid-app-id'))
				throw new ProviderError(
					'rejected',
					`${String(body.sub_code)} ${String(body.sub_msg ?? '')}`
				);
			throw new ProviderError('answer', 'answer signature does not verify');
		}
		return body;
	}
}

function blank(reference: string, state: OrderStatus['state']): OrderStatus {
	return { reference, state, transactionId: null, amountFen: null, paidAt: null };
}

function rejected(r: Json): ProviderError {
	if (r.code === '20000') return new ProviderError('unreachable', String(r.sub_msg ?? r.msg));
	if (String(r.sub_code ?? '').includes('timestamp'))
		return new ProviderError('clock', String(r.sub_msg));
	return new ProviderError(
		'rejected',
		`${String(r.sub_code ?? r.code)} ${String(r.sub_msg ?? r.msg ?? '')}`
	);
}
