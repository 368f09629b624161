import { describe, expect, it } from 'vitest';
import { reconcile, reconciliationCsv } from './reconciliation';

describe('reconciliation of a provider bill against the ledger', () => {
	const bill = [
		{ transactionId: 'T1', reference: 'I1', kind: 'payment' as const, amountFen: 10_000 },
		{ transactionId: 'T2', reference: 'I2', kind: 'payment' as const, amountFen: 5_000 },
		{ transactionId: 'T3', reference: 'I3', kind: 'payment' as const, amountFen: 7_000 },
		{ transactionId: 'T3', reference: 'I3', kind: 'refund' as const, amountFen: 7_000 },
		{ transactionId: 'T4', reference: 'I4', kind: 'payment' as const, amountFen: 300 }
	];
	const booked = [
		{ transactionId: 'T1', reference: 'I1', entryId: 'E1', paidFen: 10_000, refundedFen: 0 },
		// One amount difference: the ledger says 50.01, the provider 50.00.
		{ transactionId: 'T2', reference: 'I2', entryId: 'E2', paidFen: 5_001, refundedFen: 0 },
		// A refund both agree on (a manager's void of a QR payment).
		{ transactionId: 'T3', reference: 'I3', entryId: 'E3', paidFen: 7_000, refundedFen: 7_000 },
		{ transactionId: 'T5', reference: 'I5', entryId: 'E5', paidFen: 800, refundedFen: 0 }
	];

	it('sorts each transaction into matched, differs, at the provider only, in Foyer only', () => {
		const rows = reconcile('wechat', bill, booked);
		const by = Object.fromEntries(rows.map((r) => [r.transactionId, r.status]));
		expect(by).toEqual({
			T1: 'matched',
			T2: 'differs',
			T3: 'matched',
			T4: 'providerOnly',
			T5: 'foyerOnly'
		});
		// Differences first, for staff.
		expect(rows.slice(0, 3).map((r) => r.status)).not.toContain('matched');
	});

	it('flags a refund the provider made that the ledger does not show', () => {
		const rows = reconcile('alipay', bill, [{ ...booked[2]!, refundedFen: 0 }]);
		expect(rows.find((r) => r.transactionId === 'T3')).toMatchObject({
			status: 'differs',
			providerRefundedFen: 7_000,
			foyerRefundedFen: 0
		});
	});

	it('exports CSV in yuan with a BOM', () => {
		const csv = reconciliationCsv(reconcile('wechat', bill, booked), ['a', 'b']);
		expect(csv.startsWith('\uFEFFa,b\r\n')).toBe(true);
		expect(csv).toContain('wechat,T2,I2,differs,50.00,0.00,50.01,0.00,,');
	});
});
