/**
 * Alipay's trade bill: a zip holding GBK-encoded CSVs, of which `…业务明细.csv` lists each
 * payment (业务类型 交易) and refund (退款) between `#` comment lines; `…(汇总).csv` is a
 * summary we do not need. Fields carry trailing tabs and spaces.
 */
import { inflateRawSync } from 'node:zlib';
import type { BillLine } from './provider';
import { fromChinaDateTime, yuanToFen } from './money-text';

/** The files in a zip archive (stored or deflated entries; what Alipay's bills use). */
export function unzip(zip: Buffer): { name: string; data: Buffer }[] {
	const files: { name: string; data: Buffer }[] = [];
	// The central directory has the sizes even when local headers defer them to a data descriptor.
	const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (eocd < 0) throw new Error('not a zip file');
	let at = zip.readUInt32LE(eocd + 16);
	const count = zip.readUInt16LE(eocd + 10);
	for (let i = 0; i < count; i++) {
		if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip directory');
		const method = zip.readUInt16LE(at + 10);
		const flags = zip.readUInt16LE(at + 8);
		const size = zip.readUInt32LE(at + 20);
		const nameLen = zip.readUInt16LE(at + 28);
		const extraLen = zip.readUInt16LE(at + 30);
		const commentLen = zip.readUInt16LE(at + 32);
		const local = zip.readUInt32LE(at + 42);
		const rawName = zip.subarray(at + 46, at + 46 + nameLen);
		// Bit 11: UTF-8 names; Alipay's tools write GBK names without it.
		const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'gbk').decode(rawName);
		const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
		const body = zip.subarray(start, start + size);
		files.push({ name, data: method === 8 ? inflateRawSync(body) : Buffer.from(body) });
		at += 46 + nameLen + extraLen + commentLen;
	}
	return files;
}

/** Reads the 业务明细 CSV (already decoded from GBK) into bill lines. */
export function parseAlipayBill(text: string): BillLine[] {
	const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
	if (rows.length === 0) return [];
	const header = (rows[0] ?? '').split(',').map((h) => h.trim());
	const col = (prefix: string) => header.findIndex((h) => h.startsWith(prefix));
	const [txn, ref, kind, done, total, net, batch] = [
		col('支付宝交易号'),
		col('商户订单号'),
		col('业务类型'),
		col('完成时间'),
		col('订单金额'),
		col('商家实收'),
		col('退款批次号')
	];
	if ([txn, ref, kind, total, net].some((i) => i < 0)) throw new Error('not an Alipay trade bill');
	const lines: BillLine[] = [];
	for (const row of rows.slice(1)) {
		const cells = row.split(',').map((v) => v.trim());
		const f = (i: number) => cells[i] ?? '';
		const at = fromChinaDateTime(f(done)) ?? f(done);
		if (f(kind) === '交易') {
			lines.push({
				transactionId: f(txn),
				reference: f(ref),
				kind: 'payment',
				amountFen: yuanToFen(f(total)) ?? 0,
				refundId: null,
				at
			});
		} else if (f(kind) === '退款') {
			lines.push({
				transactionId: f(txn),
				reference: f(ref),
				kind: 'refund',
				amountFen: Math.abs(yuanToFen(f(net)) ?? 0),
				refundId: (batch >= 0 && f(batch)) || null,
				at
			});
		}
	}
	return lines;
}

/** The bill archive → lines of its 业务明细 file (not the 汇总 summary). */
export function readAlipayBillZip(zip: Buffer): BillLine[] {
	const detail = unzip(zip).find((f) => f.name.includes('业务明细') && !f.name.includes('汇总'));
	if (!detail) throw new Error('no 业务明细 file in the bill');
	return parseAlipayBill(new TextDecoder('gbk').decode(detail.data));
}
