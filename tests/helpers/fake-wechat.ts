/**
 * A local fake of WeChat Pay API v3 (Native) for tests: it checks Foyer's request signatures as
 * WeChat does (merchant certificate serial, RSA-SHA256 over METHOD\nPATH\nTS\nNONCE\nBODY\n,
 * timestamp within 5 minutes), signs its answers and notifications with a platform key made
 * for this run, encrypts notification resources with the APIv3 key, and serves trade bills in
 * WeChat's CSV format, gzipped. Knobs make it misbehave the ways the real one can.
 */
import { createCipheriv, createHash, randomBytes, sign, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { WECHAT_BILL_COLUMNS } from '../../src/lib/server/payments/wechat-bill';
import { parseAuthorization, requestMessage } from '../../src/lib/server/payments/wechat-crypto';
import { certificate, rsaKeys } from './fake-keys';

export interface FakeOrder {
	outTradeNo: string;
	total: number;
	description: string;
	timeExpire: string;
	state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
	transactionId: string | null;
	successTime: string | null;
	refunds: {
		outRefundNo: string;
		refundId: string;
		amount: number;
		status: 'PROCESSING' | 'SUCCESS';
		/** When WeChat completes it (refunds are accepted first, done later). */
		doneAt: number;
	}[];
}

export class FakeWechat {
	readonly mchid = '1900009191';
	readonly appid = 'wx8888888888888888';
	readonly apiV3Key = randomBytes(16).toString('hex');
	readonly merchant = certificate('/C=CN/O=Tenpay.com/CN=1900009191');
	/** The platform key in 微信支付公钥 mode (PUB_KEY_ID_…), how new merchants verify. */
	readonly platform = rsaKeys();
	readonly publicKeyId = `PUB_KEY_ID_0119000091912025${randomBytes(6).toString('hex').toUpperCase()}`;
	readonly orders = new Map<string, FakeOrder>();
	/** Requests whose signature failed, and every request seen (method path). */
	readonly refused: string[] = [];
	readonly seen: string[] = [];
	/** Where notifications go (the server's notify endpoint, as a public address would reach it). */
	notifyTo = '';
	/** Knobs. */
	knobs = {
		delayMs: 0,
		fail5xx: false,
		signAnswersWrongly: false,
		clockSkewMs: 0,
		/** How long a refund stays PROCESSING before SUCCESS. */
		refundMs: 300
	};
	/** Extra bill lines for a day (money Foyer never booked, …). */
	extraBillRows: string[][] = [];
	#server: Server | null = null;
	#seq = 0;

	get baseUrl(): string {
		return `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}`;
	}

	async start(): Promise<this> {
		this.#server = createServer((req, res) => void this.#handle(req, res));
		await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
		return this;
	}

	async stop(): Promise<void> {
		this.#server?.closeAllConnections();
		await new Promise((r) => this.#server?.close(r));
	}

	/** The desk configuration that points Foyer at this fake. */
	config() {
		return {
			enabled: true,
			mchid: this.mchid,
			appid: this.appid,
			merchantCertificate: this.merchant.cert,
			privateKey: this.merchant.privateKey,
			apiV3Key: this.apiV3Key,
			publicKeyId: this.publicKeyId,
			publicKey: this.platform.publicKey,
			baseUrl: this.baseUrl
		};
	}

	/** The resident pays: the order succeeds; its notification is sent unless told otherwise. */
	async pay(
		outTradeNo: string,
		o: { notify?: boolean; times?: number; amount?: number; mchid?: string } = {}
	): Promise<FakeOrder> {
		const order = this.orders.get(outTradeNo);
		if (!order) throw new Error(`no order ${outTradeNo}`);
		order.state = 'SUCCESS';
		order.transactionId = `4200${String(Date.now()).slice(-10)}${String(++this.#seq).padStart(14, '0')}`;
		order.successTime = new Date().toISOString().slice(0, 19) + '+00:00';
		if (o.notify ?? true) {
			const body = this.notification(order, { amount: o.amount, mchid: o.mchid });
			await Promise.all(Array.from({ length: o.times ?? 1 }, () => this.deliver(body)));
		}
		return order;
	}

	/** A TRANSACTION.SUCCESS notification body for an order (resource encrypted). */
	notification(order: FakeOrder, o: { amount?: number; mchid?: string } = {}): string {
		const plain = JSON.stringify({
			mchid: o.mchid ?? this.mchid,
			appid: this.appid,
			out_trade_no: order.outTradeNo,
			transaction_id: order.transactionId,
			trade_type: 'NATIVE',
			trade_state: 'SUCCESS',
			trade_state_desc: '支付成功',
			success_time: order.successTime,
			payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
			amount: {
				total: o.amount ?? order.total,
				payer_total: o.amount ?? order.total,
				currency: 'CNY',
				payer_currency: 'CNY'
			}
		});
		return this.#envelope(plain, 'TRANSACTION.SUCCESS', '支付成功', 'transaction');
	}

	/** A REFUND.SUCCESS notification body for one of an order's refunds. */
	refundNotification(order: FakeOrder, r: FakeOrder['refunds'][number]): string {
		const plain = JSON.stringify({
			mchid: this.mchid,
			out_trade_no: order.outTradeNo,
			transaction_id: order.transactionId,
			out_refund_no: r.outRefundNo,
			refund_id: r.refundId,
			refund_status: 'SUCCESS',
			success_time: new Date().toISOString().slice(0, 19) + '+00:00',
			amount: {
				total: order.total,
				refund: r.amount,
				payer_total: order.total,
				payer_refund: r.amount
			}
		});
		return this.#envelope(plain, 'REFUND.SUCCESS', '退款成功', 'refund');
	}

	#envelope(plain: string, eventType: string, summary: string, type: string): string {
		const nonce = randomBytes(6).toString('hex');
		const cipher = createCipheriv('aes-256-gcm', Buffer.from(this.apiV3Key), Buffer.from(nonce));
		cipher.setAAD(Buffer.from(type));
		const data = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
		return JSON.stringify({
			id: randomBytes(16).toString('hex'),
			create_time: new Date().toISOString().slice(0, 19) + '+00:00',
			resource_type: 'encrypt-resource',
			event_type: eventType,
			summary,
			resource: {
				original_type: type,
				algorithm: 'AEAD_AES_256_GCM',
				ciphertext: data.toString('base64'),
				associated_data: type,
				nonce
			}
		});
	}

	/** Signed headers for a body, as WeChat sends them (optionally stale or forged). */
	signedHeaders(
		body: string,
		o: { staleMs?: number; forge?: boolean } = {}
	): Record<string, string> {
		const ts = String(Math.floor((Date.now() - (o.staleMs ?? 0)) / 1000));
		const nonce = randomBytes(16).toString('hex');
		const key = o.forge ? rsaKeys().privateKey : this.platform.privateKey;
		return {
			'wechatpay-timestamp': ts,
			'wechatpay-nonce': nonce,
			'wechatpay-serial': this.publicKeyId,
			'wechatpay-signature': sign(
				'sha256',
				Buffer.from(`${ts}\n${nonce}\n${body}\n`),
				key
			).toString('base64'),
			'content-type': 'application/json'
		};
	}

	/** Posts a notification to Foyer; resolves to its reply. */
	async deliver(body: string, o: { staleMs?: number; forge?: boolean } = {}) {
		const res = await fetch(this.notifyTo, {
			method: 'POST',
			headers: this.signedHeaders(body, o),
			body
		});
		return { status: res.status, body: await res.text() };
	}

	/** The day's trade bill rows as WeChat writes them (fields prefixed with a backtick). */
	billCsv(): string {
		const y = (fen: number) => `\`${(fen / 100).toFixed(2)}`;
		const rows: string[][] = [];
		for (const o of this.orders.values()) {
			if (!o.transactionId) continue;
			const base = (status: string, refund: FakeOrder['refunds'][number] | null) => {
				const r: Record<string, string> = {
					交易时间: `\`${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')}`,
					公众账号ID: `\`${this.appid}`,
					商户号: `\`${this.mchid}`,
					微信订单号: `\`${o.transactionId}`,
					商户订单号: `\`${o.outTradeNo}`,
					交易类型: '`NATIVE',
					交易状态: `\`${status}`,
					货币种类: '`CNY',
					应结订单金额: y(o.total),
					微信退款单号: refund ? `\`${refund.refundId}` : '`',
					商户退款单号: refund ? `\`${refund.outRefundNo}` : '`',
					退款金额: y(refund?.amount ?? 0),
					退款状态: refund ? '`SUCCESS' : '`',
					手续费: '`0.00',
					费率: '`0.60%',
					订单金额: y(o.total),
					申请退款金额: y(refund?.amount ?? 0)
				};
				return WECHAT_BILL_COLUMNS.map((c) => r[c] ?? '`');
			};
			rows.push(base('SUCCESS', null));
			for (const r of o.refunds) rows.push(base('REFUND', r));
		}
		rows.push(...this.extraBillRows);
		return [
			WECHAT_BILL_COLUMNS.join(','),
			...rows.map((r) => r.join(',')),
			'总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
			`\`${rows.length},\`0.00,\`0.00,\`0.00,\`0.00,\`0.00,\`0.00`
		].join('\r\n');
	}

	/** A bill row for a payment WeChat took that Foyer never booked. */
	billRow(o: {
		transactionId: string;
		outTradeNo: string;
		total: number;
		status?: string;
	}): string[] {
		const r: Record<string, string> = {
			交易时间: '`2026-01-01 10:00:00',
			微信订单号: `\`${o.transactionId}`,
			商户订单号: `\`${o.outTradeNo}`,
			交易状态: `\`${o.status ?? 'SUCCESS'}`,
			订单金额: `\`${(o.total / 100).toFixed(2)}`,
			退款金额: '`0.00'
		};
		return WECHAT_BILL_COLUMNS.map((c) => r[c] ?? '`');
	}

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const body = Buffer.concat(chunks).toString('utf8');
		const path = req.url ?? '/';
		this.seen.push(`${req.method} ${path.split('?')[0]}`);
		if (this.knobs.delayMs) await new Promise((r) => setTimeout(r, this.knobs.delayMs));
		if (this.knobs.fail5xx)
			return this.#answer(res, 500, { code: 'SYSTEM_ERROR', message: '系统错误' });
		const problem = this.#checkSignature(req, path, body);
		if (problem) {
			this.refused.push(problem);
			return this.#answer(res, 401, { code: 'SIGN_ERROR', message: problem });
		}
		const url = new URL(path, 'http://x');
		let m: RegExpMatchArray | null;
		if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/native') {
			const b = JSON.parse(body);
			if (b.mchid !== this.mchid || b.appid !== this.appid)
				return this.#answer(res, 400, { code: 'PARAM_ERROR', message: 'appid和mch_id不匹配' });
			this.orders.set(b.out_trade_no, {
				outTradeNo: b.out_trade_no,
				total: b.amount.total,
				description: b.description,
				timeExpire: b.time_expire,
				state: 'NOTPAY',
				transactionId: null,
				successTime: null,
				refunds: []
			});
			return this.#answer(res, 200, {
				code_url: `weixin://wxpay/bizpayurl?pr=${randomBytes(5).toString('hex')}`
			});
		}
		if (
			(m = url.pathname.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/)) &&
			req.method === 'GET'
		) {
			const o = this.orders.get(decodeURIComponent(m[1]!));
			if (!o) return this.#answer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
			return this.#answer(res, 200, {
				appid: this.appid,
				mchid: this.mchid,
				out_trade_no: o.outTradeNo,
				transaction_id: o.transactionId ?? undefined,
				trade_type: 'NATIVE',
				trade_state: o.state,
				success_time: o.successTime ?? undefined,
				amount: o.transactionId
					? { total: o.total, payer_total: o.total, currency: 'CNY' }
					: undefined
			});
		}
		if ((m = url.pathname.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/))) {
			const o = this.orders.get(decodeURIComponent(m[1]!));
			if (!o) return this.#answer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
			if (o.state === 'SUCCESS')
				return this.#answer(res, 400, { code: 'ORDERPAID', message: '订单已支付' });
			o.state = 'CLOSED';
			return this.#answer(res, 204, null);
		}
		if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
			const b = JSON.parse(body);
			const o = [...this.orders.values()].find((x) => x.transactionId === b.transaction_id);
			if (!o) return this.#answer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
			let r = o.refunds.find((x) => x.outRefundNo === b.out_refund_no);
			if (!r) {
				// The same out_refund_no refunds only once.
				r = {
					outRefundNo: b.out_refund_no,
					refundId: `50${Date.now()}${++this.#seq}`,
					amount: b.amount.refund,
					status: 'PROCESSING',
					doneAt: Date.now() + this.knobs.refundMs
				};
				o.refunds.push(r);
				o.state = 'REFUND';
			}
			return this.#answer(res, 200, {
				refund_id: r.refundId,
				out_refund_no: r.outRefundNo,
				status: 'PROCESSING'
			});
		}
		if ((m = url.pathname.match(/^\/v3\/refund\/domestic\/refunds\/([^/]+)$/))) {
			const r = [...this.orders.values()]
				.flatMap((o) => o.refunds)
				.find((x) => x.outRefundNo === decodeURIComponent(m![1]!));
			if (!r)
				return this.#answer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
			if (Date.now() >= r.doneAt) r.status = 'SUCCESS';
			return this.#answer(res, 200, {
				refund_id: r.refundId,
				out_refund_no: r.outRefundNo,
				status: r.status
			});
		}
		if (url.pathname === '/v3/bill/tradebill') {
			const file = gzipSync(Buffer.from(this.billCsv(), 'utf8'));
			this.#bill = file;
			return this.#answer(res, 200, {
				hash_type: 'SHA1',
				hash_value: createHash('sha1').update(file).digest('hex'),
				download_url: `${this.baseUrl}/v3/billdownload/file?token=${randomBytes(8).toString('hex')}`
			});
		}
		if (url.pathname === '/v3/billdownload/file') {
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			res.end(this.#bill);
			return;
		}
		return this.#answer(res, 404, { code: 'NOT_FOUND', message: path });
	}

	#bill: Buffer = Buffer.alloc(0);

	#checkSignature(req: IncomingMessage, path: string, body: string): string | null {
		const f = parseAuthorization(String(req.headers.authorization ?? ''));
		if (!f) return 'no WECHATPAY2-SHA256-RSA2048 authorization';
		if (f.mchid !== this.mchid) return 'mchid';
		if (f.serial_no !== this.merchant.serial)
			return 'serial_no does not name the merchant certificate';
		if (Math.abs(Date.now() + this.knobs.clockSkewMs - Number(f.timestamp) * 1000) > 5 * 60_000)
			return 'timestamp';
		const message = requestMessage(
			{ method: req.method!, pathAndQuery: path, body },
			f.timestamp!,
			f.nonce_str!
		);
		const ok = verify(
			'sha256',
			Buffer.from(message),
			this.merchant.publicKey,
			Buffer.from(f.signature ?? '', 'base64')
		);
		return ok ? null : 'signature does not verify';
	}

	#answer(res: ServerResponse, status: number, json: unknown): void {
		const body = json === null ? '' : JSON.stringify(json);
		const headers = this.signedHeaders(body, {
			staleMs: -this.knobs.clockSkewMs,
			forge: this.knobs.signAnswersWrongly
		});
		res.writeHead(status, { ...headers, 'request-id': randomBytes(8).toString('hex') });
		res.end(body);
	}
}
