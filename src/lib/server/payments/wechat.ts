import { createHash, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
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
	authorization,
	checkApiV3Key,
	checkWechatSignature,
	decryptResource,
	type EncryptedResource
} from './wechat-crypto';
import { parseWechatBill } from './wechat-bill';
import { chinaRfc3339 } from './money-text';

/** WeChat Pay's production host (`api2.` is its backup). */
export const WECHAT_BASE_URL = 'https://api.mch.weixin.qq.com';

export interface WechatOptions {
	clock: Clock;
	mchid: string;
	appid: string;
	/** The merchant API certificate's serial (serial_no in every request). */
	serialNo: string;
	/** apiclient_key.pem (PKCS#8 PEM). */
	privateKey: string;
	/** The APIv3 key: exactly 32 bytes. */
	apiV3Key: string;
	/** WeChat's verification keys by serial: platform certificates and/or PUB_KEY_ID_… keys. */
	verifyKeys: ReadonlyMap<string, KeyObject>;
	/** Where notifications go (HTTPS, no query); omitted behind NAT: the status query settles. */
	notifyUrl?: string;
	baseUrl?: string;
	fetch?: typeof fetch;
	/** One request is abandoned after this long (default 8 s). */
	timeoutMs?: number;
}

type Json = Record<string, unknown>;

/**
 * WeChat Pay API v3, Native (QR) payments for a direct merchant, hand-written on node:crypto and
 * fetch: no SDK covers the 微信支付公钥 mode with a small dependency tree (docs/decisions.md).
 * Every request is signed, every answer's signature checked before it is believed.
 */
export class WechatProvider implements PaymentProvider {
	readonly name = 'wechat';
	readonly queryEveryMs = 1_000;
	readonly #key: KeyObject;
	readonly #base: string;
	readonly #fetch: typeof fetch;

	constructor(private readonly o: WechatOptions) {
		if (!checkApiV3Key(o.apiV3Key))
			throw new ProviderError('rejected', 'apiV3Key must be 32 bytes');
		this.#key = createPrivateKey(o.privateKey);
		this.#base = (o.baseUrl ?? WECHAT_BASE_URL).replace(/\/$/, '');
		this.#fetch = o.fetch ?? globalThis.fetch;
	}

	async create(order: CreateOrder): Promise<CreatedOrder> {
		// WeChat requires time_expire at least a minute ahead; its code_url lives 2 h regardless,
		// so the kiosk's own countdown closes the order (PaymentService.sweep).
		const minExpire = this.o.clock.now().getTime() + 61_000;
		const expire = new Date(Math.max(order.expiresAt.getTime(), minExpire));
		const { body } = await this.#call('POST', '/v3/pay/transactions/native', {
			appid: this.o.appid,
			mchid: this.o.mchid,
			description: [...order.description].slice(0, 127).join(''),
			out_trade_no: order.reference,
			time_expire: chinaRfc3339(expire),
			...(this.o.notifyUrl ? { notify_url: this.o.notifyUrl } : {}),
			amount: { total: order.amountFen, currency: 'CNY' }
		});
		const codeUrl = (body as Json).code_url;
		if (typeof codeUrl !== 'string') throw new ProviderError('answer', 'no code_url');
		return { qrPayload: codeUrl };
	}

	async query(reference: string): Promise<OrderStatus> {
		const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(reference)}?mchid=${this.o.mchid}`;
		const { status, body } = await this.#call('GET', path, undefined, [404]);
		if (status === 404)
			return { reference, state: 'pending', transactionId: null, amountFen: null, paidAt: null };
		return this.#statusOf(body as Json, reference);
	}

	async close(reference: string): Promise<OrderStatus> {
		const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(reference)}/close`;
		// ORDERPAID / ORDER_CLOSED and friends answer 400: the query below tells the final state.
		await this.#call('POST', path, { mchid: this.o.mchid }, [400, 403, 404]);
		const final = await this.query(reference);
		return final.state === 'pending' ? { ...final, state: 'closed' } : final;
	}

	verifyNotification(n: IncomingNotification): OrderStatus {
		const problem = checkWechatSignature(n.headers, n.body, this.o.verifyKeys, this.o.clock.now());
		if (problem === 'stale') throw new NotificationRejected('stale', 'timestamp too far off');
		if (problem) throw new NotificationRejected('signature', problem);
		let envelope: { event_type?: string; resource?: EncryptedResource };
		let plain: Json;
		try {
			envelope = JSON.parse(n.body) as typeof envelope;
			if (!envelope.resource) throw new Error('no resource');
			plain = JSON.parse(decryptResource(envelope.resource, this.o.apiV3Key)) as Json;
		} catch (e) {
			throw new NotificationRejected('malformed', (e as Error).message);
		}
		if (plain.mchid !== this.o.mchid || (plain.appid !== undefined && plain.appid !== this.o.appid))
			throw new NotificationRejected('merchant', 'foreign mchid or appid');
		if (typeof plain.out_trade_no !== 'string')
			throw new NotificationRejected('malformed', 'no out_trade_no');
		if (envelope.event_type?.startsWith('REFUND.')) {
			// A refund's outcome (REFUND.SUCCESS / ABNORMAL / CLOSED): nothing to settle, but the
			// refund Foyer asked for is recorded as done or failed.
			if (typeof plain.out_refund_no !== 'string')
				throw new NotificationRejected('malformed', 'no out_refund_no');
			return {
				reference: plain.out_trade_no,
				state: 'pending',
				transactionId: null,
				amountFen: null,
				paidAt: null,
				refund: {
					refundId: plain.out_refund_no,
					state: plain.refund_status === 'SUCCESS' ? 'succeeded' : 'failed'
				}
			};
		}
		return this.#statusOf(plain, plain.out_trade_no);
	}

	async refund(input: {
		reference: string;
		transactionId: string;
		amountFen: number;
		reason: string;
	}): Promise<{ refundId: string }> {
		// out_refund_no is the idempotency key: a retry with the same one refunds only once.
		const outRefundNo = `${input.reference}R${input.amountFen}`.slice(0, 64);
		const order = await this.query(input.reference);
		const { body } = await this.#call('POST', '/v3/refund/domestic/refunds', {
			transaction_id: input.transactionId,
			out_refund_no: outRefundNo,
			reason: input.reason.slice(0, 80),
			...(this.o.notifyUrl ? { notify_url: this.o.notifyUrl } : {}),
			amount: {
				refund: input.amountFen,
				total: order.amountFen ?? input.amountFen,
				currency: 'CNY'
			}
		});
		return { refundId: String((body as Json).out_refund_no ?? outRefundNo) };
	}

	async refundStatus(input: { reference: string; refundId: string }) {
		const { body } = await this.#call(
			'GET',
			`/v3/refund/domestic/refunds/${encodeURIComponent(input.refundId)}`
		);
		const s = (body as Json).status;
		return s === 'SUCCESS' ? 'succeeded' : s === 'PROCESSING' ? 'pending' : 'failed';
	}

	async bill(day: string): Promise<BillLine[]> {
		const { status, body } = await this.#call(
			'GET',
			`/v3/bill/tradebill?bill_date=${day}&bill_type=ALL&tar_type=GZIP`,
			undefined,
			[400]
		);
		const b = body as Json;
		if (status === 400) {
			if (b.code === 'NO_STATEMENT_EXIST') return [];
			throw new ProviderError('rejected', `${String(b.code)} ${String(b.message)}`);
		}
		const url = new URL(String(b.download_url));
		// The download is signed like any request; its answer is a file and carries no signature,
		// so the hash from the signed answer above vouches for it.
		const res = await this.#send('GET', url.pathname + url.search, '', url.origin);
		const file = Buffer.from(await res.arrayBuffer());
		if (!res.ok) throw new ProviderError('rejected', `bill download ${res.status}`);
		const hash = createHash(String(b.hash_type ?? 'SHA1').toLowerCase())
			.update(file)
			.digest('hex');
		if (hash !== String(b.hash_value).toLowerCase())
			throw new ProviderError('answer', 'bill hash mismatch');
		return parseWechatBill(gunzipSync(file).toString('utf8'));
	}

	async testConnection(): Promise<void> {
		// A made-up order: WeChat answers 404 ORDER_NOT_EXIST only once our signature checked out.
		await this.query(`FOYERTEST${randomBytes(6).toString('hex')}`);
	}

	reply(accepted: boolean, message?: string) {
		// Success is an empty 204; anything else asks WeChat to send again, in its own format.
		if (accepted) return { status: 204, body: '', contentType: 'text/plain' };
		return {
			status: message === 'signature' || message === 'stale' ? 401 : 400,
			body: JSON.stringify({ code: 'FAIL', message: message ?? 'rejected' }),
			contentType: 'application/json'
		};
	}

	#statusOf(t: Json, reference: string): OrderStatus {
		const state = String(t.trade_state);
		const amount = (t.amount ?? {}) as Json;
		const paid = state === 'SUCCESS' || state === 'REFUND';
		return {
			reference,
			state: paid
				? 'paid'
				: ['CLOSED', 'REVOKED', 'PAYERROR'].includes(state)
					? 'closed'
					: 'pending',
			transactionId: paid ? String(t.transaction_id) : null,
			amountFen: paid && typeof amount.total === 'number' ? amount.total : null,
			paidAt:
				paid && typeof t.success_time === 'string' ? new Date(t.success_time).toISOString() : null
		};
	}

	/** A signed request whose answer's signature is checked; statuses in `allow` are answers too. */
	async #call(
		method: string,
		pathAndQuery: string,
		json?: Json,
		allow: readonly number[] = []
	): Promise<{ status: number; body: unknown }> {
		const body = json ? JSON.stringify(json) : '';
		const res = await this.#send(method, pathAndQuery, body, this.#base);
		const text = await res.text();
		if (res.status >= 500) throw new ProviderError('unreachable', `HTTP ${res.status}`);
		const parsed = text ? (JSON.parse(text) as Json) : {};
		if (res.status === 401) {
			// WeChat refused our signature: the serial or the key is wrong, or our clock is off.
			throw new ProviderError('signature', `${String(parsed.code)} ${String(parsed.message)}`);
		}
		const headers = Object.fromEntries(res.headers);
		const problem = checkWechatSignature(headers, text, this.o.verifyKeys, this.o.clock.now());
		if (problem === 'stale') throw new ProviderError('clock', 'answer timestamp too far off');
		if (problem) throw new ProviderError('answer', problem);
		if (!res.ok && !allow.includes(res.status))
			throw new ProviderError('rejected', `${String(parsed.code)} ${String(parsed.message)}`);
		return { status: res.status, body: parsed };
	}

	async #send(
		method: string,
		pathAndQuery: string,
		body: string,
		origin: string
	): Promise<Response> {
		const auth = authorization(
			{ method, pathAndQuery, body },
			{ mchid: this.o.mchid, serialNo: this.o.serialNo, privateKey: this.#key },
			this.o.clock.now()
		);
		try {
			return await this.#fetch(origin + pathAndQuery, {
				method,
				headers: {
					authorization: auth,
					accept: 'application/json',
					'content-type': 'application/json',
					'user-agent': 'Foyer'
				},
				body: method === 'GET' ? undefined : body,
				signal: AbortSignal.timeout(this.o.timeoutMs ?? 8_000)
			});
		} catch (e) {
			throw new ProviderError('unreachable', (e as Error).message);
		}
	}
}
