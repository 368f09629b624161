/**
 * WeChat Pay's trade bill (交易账单, bill_type=ALL): a CSV whose first line names the columns,
 * whose data fields each start with a backtick (so spreadsheets keep long ids as text), and
 * which ends with two summary lines (总交易单数,… and their values). Refunds appear as lines
 * with 交易状态 REFUND and the refund's id and amount.
 */
import type { BillLine } from './provider';
import { fromChinaDateTime, yuanToFen } from './money-text';

/** Column names as WeChat writes them. */
export const WECHAT_BILL_COLUMNS = [
	'交易时间',
	'公众账号ID',
	'商户号',
	'特约商户号',
	'设备号',
	'微信订单号',
	'商户订单号',
	'用户标识',
	'交易类型',
	'交易状态',
	'付款银行',
	'货币种类',
	'应结订单金额',
	'代金券金额',
	'微信退款单号',
	'商户退款单号',
	'退款金额',
	'充值券退款金额',
	'退款类型',
	'退款状态',
	'商品名称',
	'商户数据包',
	'手续费',
	'费率',
	'订单金额',
	'申请退款金额',
	'费率备注'
] as const;

/** Reads a trade bill's text into lines; throws on a file that is not one. */
export function parseWechatBill(text: string): BillLine[] {
	const rows = text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.filter((l) => l.trim() !== '');
	if (rows.length === 0) return [];
	const header = (rows[0] ?? '').split(',').map((h) => h.trim());
	const col = (name: string) => header.indexOf(name);
	const need = ['交易时间', '微信订单号', '商户订单号', '交易状态', '订单金额', '退款金额'];
	if (need.some((n) => col(n) < 0)) throw new Error('not a WeChat Pay trade bill');
	const lines: BillLine[] = [];
	for (const row of rows.slice(1)) {
		if (row.startsWith('总交易单数')) break;
		const cells = row.split(',').map((v) => v.trim().replace(/^`/, ''));
		const f = (name: string) => cells[col(name)] ?? '';
		const at = fromChinaDateTime(f('交易时间')) ?? f('交易时间');
		const status = f('交易状态');
		if (status === 'REFUND') {
			lines.push({
				transactionId: f('微信订单号'),
				reference: f('商户订单号'),
				kind: 'refund',
				amountFen: yuanToFen(f('退款金额')) ?? 0,
				refundId: f('微信退款单号') || null,
				at
			});
		} else if (status === 'SUCCESS') {
			lines.push({
				transactionId: f('微信订单号'),
				reference: f('商户订单号'),
				kind: 'payment',
				amountFen: yuanToFen(f('订单金额')) ?? 0,
				refundId: null,
				at
			});
		}
	}
	return lines;
}
