/**
 * Two years of bills and ledger entries for the history generator (history.js): a bill per
 * unit, fee standard and month, issued on the 1st; most paid within weeks (together or one by
 * one), some late, a few never; about 1% voided the same day and QR payments sometimes
 * refunded later; about one payment in five rated from its receipt or at the kiosk.
 */
import { addDays, recordId } from './history-site.js';

const iso = (t) => new Date(t).toISOString();
const METHODS = { qr: 55, cash: 15, card: 15, transfer: 15 };

/** Bills, ledger entries and service ratings of every month from `first` to `end`. */
export function feesOf(ctx) {
	const { d, clock, site, months, endDay } = ctx;
	const bills = [];
	const ledger = [];
	const ratings = [];
	const standards = site.feeStandards.filter((s) => s.active !== false);
	for (const month of months) {
		const issued = `${month}-01`;
		if (issued > endDay) break;
		const at = clock.at(issued, 7 * 60);
		const runId = `${month}-${d.token(10)}`;
		const dueDate = addDays(issued, 27);
		for (const unit of site.units) {
			const mine = standards.map((s) => {
				const quantityCenti =
					s.kind === 'perArea' ? unit.areaCentiM2 : s.kind === 'fixed' ? 100 : d.int(300, 1500);
				const amountFen =
					s.kind === 'fixed' ? s.priceFen : Math.floor((quantityCenti * s.priceFen + 50) / 100);
				const b = {
					id: recordId(issued, d),
					at: iso(at),
					unitId: unit.id,
					period: month,
					standardId: s.id,
					name: s.name,
					kind: s.kind,
					quantityCenti,
					unitPriceFen: s.priceFen,
					amountFen,
					dueDate,
					runId
				};
				bills.push(b);
				return b;
			});
			if (d.rand() < 0.08) continue; // owed: arrears
			const late = d.rand() < 0.12 ? d.int(30, 150) : d.int(0, 27);
			const groups = d.rand() < 0.25 ? [mine] : mine.map((b) => [b]);
			for (const group of groups) {
				const day = addDays(issued, late + d.int(0, 3));
				if (day > endDay) continue;
				ledger.push(payment(day, unit.id, group, ctx));
			}
		}
	}
	ledger.sort((a, b) => a.at.localeCompare(b.at));
	// Receipt numbers are gapless per year in the order taken (ledger.ts).
	const seq = new Map();
	for (const e of ledger) {
		const year = Number(e.day.slice(0, 4));
		seq.set(year, (seq.get(year) ?? 0) + 1);
		e.receiptYear = year;
		e.receiptSeq = seq.get(year);
	}
	const undone = [];
	for (const e of ledger) {
		const r = d.rand();
		if (r < 0.01) {
			const v = cancel(e, e.day, 'void', ctx);
			if (v.day <= endDay) undone.push(v);
		} else if (e.method === 'qr' && r < 0.016) {
			const day = addDays(e.day, d.int(1, 10));
			const v = cancel(e, day, 'refund', ctx);
			if (day <= endDay && v.day <= endDay) undone.push(v);
		}
		if (d.rand() < 0.3) {
			const score = d.rand() < 0.04 ? d.int(1, 3) : d.rand() < 0.75 ? 5 : 4;
			const t = Date.parse(e.at) + d.int(1, 120) * 60_000;
			if (clock.day(t) <= endDay)
				ratings.push({
					id: recordId(clock.day(t), d),
					at: iso(t),
					score,
					remarks: score <= 3 ? '排队太久' : '',
					source: e.cashierId === 'kiosk' ? 'kiosk' : 'receipt',
					entryId: e.id
				});
		}
	}
	for (const u of undone) ledger.push(u);
	return { bills, ledger, ratings };
}

function payment(day, unitId, group, ctx) {
	const { d, clock, cashiers } = ctx;
	const method = d.weighted(METHODS);
	const kiosk = method === 'qr' && d.rand() < 0.6;
	const cashier = kiosk ? { id: 'kiosk', displayName: '自助机' } : d.pick(cashiers);
	const amountFen = group.reduce((s, b) => s + b.amountFen, 0);
	const at = clock.at(day, 8 * 60 + 30 + d.int(0, 560));
	return {
		id: recordId(day, d),
		at: iso(at),
		kind: 'payment',
		day,
		unitId,
		method,
		amountFen,
		allocations: group.map((b) => ({ billId: b.id, amountFen: b.amountFen })),
		tenderedFen: method === 'cash' ? amountFen : null,
		changeFen: method === 'cash' ? 0 : null,
		receiptYear: null,
		receiptSeq: null,
		cashierId: cashier.id,
		cashierName: cashier.displayName,
		intentId: null,
		provider: method === 'qr' ? 'sandbox' : null,
		providerTxnId: method === 'qr' ? d.token(16) : null,
		voidOf: null,
		reason: null,
		ticketId: null,
		receiptToken: d.token(22)
	};
}

function cancel(original, day, kind, ctx) {
	const { d, clock, manager } = ctx;
	const at = Math.max(Date.parse(original.at) + 60_000, clock.at(day, 9 * 60 + d.int(0, 480)));
	return {
		...original,
		id: recordId(clock.day(at), d),
		at: iso(at),
		kind,
		day: clock.day(at),
		tenderedFen: null,
		changeFen: null,
		receiptYear: null,
		receiptSeq: null,
		cashierId: manager.id,
		cashierName: manager.displayName,
		voidOf: original.id,
		reason: '收错金额',
		receiptToken: null
	};
}
