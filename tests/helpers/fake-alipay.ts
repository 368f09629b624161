/**
 * A local fake of Alipay's open-platform gateway (protocol v2) for 当面付 tests: it checks
 * Foyer's RSA2 signature with the application's public key as Alipay does, answers
 * `{"<method>_response":{…},"sign":"…"}` signed with an Alipay key made for this run, creates no
 * trade until someone scans the QR (so query/close answer ACQ.TRADE_NOT_EXIST before), posts
 * signed form notifications and accepts only the exact reply `success`, and serves trade bills
 * as a zip of GBK CSVs.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, createPrivateKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateRawSync } from 'node:zlib';
import {
	publicKeyOf,
	rsa2Sign,
	rsa2Verify,
	signContent
} from '../../src/lib/server/payments/alipay-crypto';
import { rsaKeys } from './fake-keys';

interface Trade {
	outTradeNo: string;
	total: string;
	subject: string;
	scanned: boolean;
	status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
	tradeNo: string | null;
	gmtPayment: string | null;
	cancelled: boolean;
	refunds: { outRequestNo: string; amount: string }[];
}

const china = (d = new Date()) =>
	new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export class FakeAlipay {
	readonly appId = '2021000000000001';
	readonly sellerId = '2088000000000001';
	readonly app = rsaKeys();
	readonly alipay = rsaKeys();
	readonly trades = new Map<string, Trade>();
	readonly refused: string[] = [];
	/** Replies Foyer gave to notifications, in order. */
	readonly replies: string[] = [];
	notifyTo = '';
	knobs = { delayMs: 0, signAnswersWrongly: false };
	extraBillRows: string[][] = [];
	#server: Server | null = null;
	#seq = 0;

	get gateway(): string {
		return `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}/gateway.do`;
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

	config() {
		return {
			enabled: true,
			appId: this.appId,
			sellerId: this.sellerId,
			privateKey: this.app.privateKey,
			alipayPublicKey: this.alipay.publicKey,
			gateway: this.gateway
		};
	}

	/** The resident scans the QR (the trade now exists) and pays. */
	async pay(
		outTradeNo: string,
		o: { notify?: boolean; times?: number; total?: string; appId?: string } = {}
	) {
		const t = this.trades.get(outTradeNo);
		if (!t) throw new Error(`no trade ${outTradeNo}`);
		if (t.cancelled) throw new Error('trade cancelled');
		t.scanned = true;
		t.status = 'TRADE_SUCCESS';
		t.tradeNo = `2026${Date.now()}${String(++this.#seq).padStart(12, '0')}`.slice(0, 28);
		t.gmtPayment = china();
		if (o.notify ?? true) {
			const form = this.notification(t, o);
			await Promise.all(Array.from({ length: o.times ?? 1 }, () => this.deliver(form)));
		}
		return t;
	}

	notification(t: Trade, o: { total?: string; appId?: string; forge?: boolean } = {}): string {
		const p: Record<string, string> = {
			gmt_create: china(),
			charset: 'utf-8',
			subject: t.subject,
			buyer_id: '2088102534368455',
			invoice_amount: o.total ?? t.total,
			notify_id: randomBytes(16).toString('hex'),
			fund_bill_list: JSON.stringify([
				{ amount: o.total ?? t.total, fundChannel: 'ALIPAYACCOUNT' }
			]),
			notify_type: 'trade_status_sync',
			trade_status: t.status,
			receipt_amount: o.total ?? t.total,
			app_id: o.appId ?? this.appId,
			seller_id: this.sellerId,
			gmt_payment: t.gmtPayment ?? '',
			notify_time: china(),
			version: '1.0',
			out_trade_no: t.outTradeNo,
			total_amount: o.total ?? t.total,
			trade_no: t.tradeNo ?? '',
			auth_app_id: o.appId ?? this.appId,
			point_amount: '0.00'
		};
		const key = createPrivateKey(o.forge ? rsaKeys().privateKey : this.alipay.privateKey);
		p.sign = rsa2Sign(signContent(p, ['sign', 'sign_type']), key);
		p.sign_type = 'RSA2';
		return new URLSearchParams(p).toString();
	}

	async deliver(form: string): Promise<string> {
		const res = await fetch(this.notifyTo, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
			body: form
		});
		const text = await res.text();
		this.replies.push(text);
		return text;
	}

	/** The 业务明细 CSV rows for payments and refunds, and a zip of it in GBK. */
	billZip(): Buffer {
		const header =
			'支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';
		const rows: string[][] = [];
		for (const t of this.trades.values()) {
			if (!t.tradeNo) continue;
			const line = (kind: string, net: string, batch: string) => [
				t.tradeNo!,
				t.outTradeNo,
				kind,
				t.subject,
				china(),
				china(),
				'',
				'',
				'',
				'',
				'xud***@126.com',
				t.total,
				net,
				'0.00',
				'0.00',
				'0.00',
				'0.00',
				'0.00',
				'',
				'0.00',
				'0.00',
				batch,
				'0.00',
				'0.00',
				''
			];
			rows.push(line('交易', t.total, ''));
			for (const r of t.refunds) rows.push(line('退款', `-${r.amount}`, r.outRequestNo));
		}
		rows.push(...this.extraBillRows);
		const csv = [
			'#支付宝业务明细查询',
			`#账号：[${this.sellerId}0156]`,
			'#-----------------------------------------业务明细列表----------------------------------------',
			header,
			...rows.map((r) => r.map((v) => `${v}\t`).join(',')),
			'#-----------------------------------------业务明细列表结束------------------------------------',
			`#交易合计：${rows.length}笔`
		].join('\r\n');
		const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: csv });
		const summary = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], {
			input: '#支付宝业务汇总查询\r\n'
		});
		return zip([
			{ name: `${this.sellerId}0156_20261202_业务明细(汇总).csv`, data: summary },
			{ name: `${this.sellerId}0156_20261202_业务明细.csv`, data: gbk }
		]);
	}

	billRow(o: { tradeNo: string; outTradeNo: string; total: string }): string[] {
		return [
			o.tradeNo,
			o.outTradeNo,
			'交易',
			'物业费',
			china(),
			china(),
			'',
			'',
			'',
			'',
			'',
			o.total,
			o.total,
			'0.00',
			'0.00',
			'0.00',
			'0.00',
			'0.00',
			'',
			'0.00',
			'0.00',
			'',
			'0.00',
			'0.00',
			''
		];
	}

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		if (this.knobs.delayMs) await new Promise((r) => setTimeout(r, this.knobs.delayMs));
		if (req.url?.startsWith('/bill/')) {
			res.writeHead(200, { 'content-type': 'application/zip' });
			res.end(this.billZip());
			return;
		}
		const p = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
		const method = p.method ?? '';
		const key = `${method.replaceAll('.', '_')}_response`;
		if (p.app_id !== this.appId)
			return this.#answer(
				res,
				key,
				{
					code: '40002',
					msg: 'Invalid Arguments',
					sub_code: 'isv.invalid-app-id',
					sub_msg: '无效的AppID参数'
				},
				false
			);
		if (!rsa2Verify(signContent(p), p.sign ?? '', publicKeyOf(this.app.publicKey))) {
			this.refused.push(method);
			return this.#answer(
				res,
				key,
				{
					code: '40002',
					msg: 'Invalid Arguments',
					sub_code: 'isv.invalid-signature',
					sub_msg: '验签出错'
				},
				false
			);
		}
		const biz = JSON.parse(p.biz_content ?? '{}');
		const ok = { code: '10000', msg: 'Success' };
		const notExist = {
			code: '40004',
			msg: 'Business Failed',
			sub_code: 'ACQ.TRADE_NOT_EXIST',
			sub_msg: '交易不存在'
		};
		const t = this.trades.get(biz.out_trade_no);
		switch (method) {
			case 'alipay.trade.precreate':
				this.trades.set(biz.out_trade_no, {
					outTradeNo: biz.out_trade_no,
					total: biz.total_amount,
					subject: biz.subject,
					scanned: false,
					status: 'WAIT_BUYER_PAY',
					tradeNo: null,
					gmtPayment: null,
					cancelled: false,
					refunds: []
				});
				return this.#answer(res, key, {
					...ok,
					out_trade_no: biz.out_trade_no,
					qr_code: `https://qr.alipay.com/bax${randomBytes(8).toString('hex')}`
				});
			case 'alipay.trade.query':
				if (!t?.scanned) return this.#answer(res, key, notExist);
				return this.#answer(res, key, {
					...ok,
					trade_no: t.tradeNo,
					out_trade_no: t.outTradeNo,
					trade_status: t.status,
					total_amount: t.total,
					send_pay_date: t.gmtPayment
				});
			case 'alipay.trade.close':
				if (!t?.scanned) return this.#answer(res, key, notExist);
				if (t.status === 'TRADE_SUCCESS')
					return this.#answer(res, key, {
						code: '40004',
						msg: 'Business Failed',
						sub_code: 'ACQ.TRADE_STATUS_ERROR',
						sub_msg: '交易状态不合法'
					});
				t.status = 'TRADE_CLOSED';
				return this.#answer(res, key, { ...ok, out_trade_no: t.outTradeNo });
			case 'alipay.trade.cancel':
				if (t) t.cancelled = true;
				return this.#answer(res, key, {
					...ok,
					out_trade_no: biz.out_trade_no,
					retry_flag: 'N',
					action: 'close'
				});
			case 'alipay.trade.refund': {
				if (!t?.tradeNo) return this.#answer(res, key, notExist);
				if (!t.refunds.some((r) => r.outRequestNo === biz.out_request_no))
					t.refunds.push({ outRequestNo: biz.out_request_no, amount: biz.refund_amount });
				return this.#answer(res, key, {
					...ok,
					trade_no: t.tradeNo,
					out_trade_no: t.outTradeNo,
					refund_fee: biz.refund_amount,
					fund_change: 'Y'
				});
			}
			case 'alipay.trade.fastpay.refund.query': {
				const r = t?.refunds.find((x) => x.outRequestNo === biz.out_request_no);
				return this.#answer(
					res,
					key,
					r ? { ...ok, refund_status: 'REFUND_SUCCESS', refund_amount: r.amount } : ok
				);
			}
			case 'alipay.data.dataservice.bill.downloadurl.query':
				return this.#answer(res, key, {
					...ok,
					bill_download_url: `${this.gateway.replace('/gateway.do', '')}/bill/${biz.bill_date}.csv.zip`
				});
		}
		return this.#answer(res, key, {
			code: '40004',
			msg: 'Business Failed',
			sub_code: 'isv.method-not-supported'
		});
	}

	#answer(res: ServerResponse, key: string, body: Record<string, unknown>, signed = true): void {
		const inner = JSON.stringify(body).replaceAll('/', '\\/');
		const signKey = createPrivateKey(
			this.knobs.signAnswersWrongly ? rsaKeys().privateKey : this.alipay.privateKey
		);
		const text = signed
			? `{"${key}":${inner},"sign":"${rsa2Sign(inner, signKey)}"}`
			: `{"${key}":${inner}}`;
		res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
		res.end(text);
	}
}

/** A zip archive of deflated entries (names flagged UTF-8). */
function zip(files: { name: string; data: Buffer }[]): Buffer {
	const locals: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const f of files) {
		const name = Buffer.from(f.name, 'utf8');
		const body = deflateRawSync(f.data);
		const crc = crc32(f.data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x800, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(f.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		const dir = Buffer.alloc(46);
		dir.writeUInt32LE(0x02014b50, 0);
		dir.writeUInt16LE(20, 4);
		dir.writeUInt16LE(20, 6);
		dir.writeUInt16LE(0x800, 8);
		dir.writeUInt16LE(8, 10);
		dir.writeUInt32LE(crc, 16);
		dir.writeUInt32LE(body.length, 20);
		dir.writeUInt32LE(f.data.length, 24);
		dir.writeUInt16LE(name.length, 28);
		dir.writeUInt32LE(offset, 42);
		locals.push(local, name, body);
		central.push(dir, name);
		offset += 30 + name.length + body.length;
	}
	const dirBuf = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(dirBuf.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, dirBuf, end]);
}
