import {
	AGE_BUCKETS,
	ageBucket,
	ageMonths,
	PAYMENT_METHODS,
	type AgeBucket,
	type Bill,
	type LedgerEntry,
	type PaymentMethod
} from '../fees';
import { rate } from '../stats';
import { lastDayOfMonth } from './period';
import type {
	ArrearsPoint,
	CollectionFigures,
	FeeFigures,
	MoneyTally,
	ReportPeriod
} from './types';

export interface FeeInput {
	period: ReportPeriod;
	/** Every bill and every ledger entry, indexed once (indexFees) for both periods of a report. */
	index: FeeIndex;
	/** Unit id → building id, building id → name, fee standard id → English name. */
	buildingOf: (unitId: string) => string;
	buildingName: (buildingId: string) => string;
	itemNameEn: (standardId: string) => string | undefined;
	/** The site's today: points in the future are counted at today. */
	today: string;
}

/**
 * Bills and payments laid out for counting balances at any day quickly: bills in arrays with
 * the day each was issued, every payment's share of a bill with the day it was voided or
 * refunded (if it was). Built once per report: O(bills + ledger).
 */
export interface FeeIndex {
	bills: readonly Bill[];
	/** The site day each bill was issued (its id's day, as the store files it). */
	issued: readonly string[];
	/** Shares of payments: the bill's index, the amount, the payment's day, its cancel day ('' if none). */
	shareBill: Int32Array;
	shareFen: Float64Array;
	shareDay: readonly string[];
	shareCancelled: readonly string[];
	entries: readonly LedgerEntry[];
	/** Arrears already counted at a day (the index is rebuilt whenever the fees change). */
	arrearsAt: Map<string, Omit<ArrearsPoint, 'month'>>;
	/** What each bill had been paid at a day, for the last few days asked. */
	paidAt: Map<string, Float64Array>;
}

/** Lays out bills and ledger for feeFigures. */
export function indexFees(bills: Iterable<Bill>, ledger: Iterable<LedgerEntry>): FeeIndex {
	const list = [...bills];
	const at = new Map(list.map((b, n) => [b.id, n]));
	const entries = [...ledger];
	const cancelled = new Map<string, string>();
	for (const e of entries) if (e.voidOf) cancelled.set(e.voidOf, e.day);
	const bill: number[] = [];
	const fen: number[] = [];
	const day: string[] = [];
	const gone: string[] = [];
	for (const e of entries) {
		if (e.kind !== 'payment') continue;
		for (const a of e.allocations) {
			const n = at.get(a.billId);
			if (n === undefined) continue;
			bill.push(n);
			fen.push(a.amountFen);
			day.push(e.day);
			gone.push(cancelled.get(e.id) ?? '');
		}
	}
	return {
		bills: list,
		issued: list.map(issuedDay),
		shareBill: Int32Array.from(bill),
		shareFen: Float64Array.from(fen),
		shareDay: day,
		shareCancelled: gone,
		entries,
		arrearsAt: new Map(),
		paidAt: new Map()
	};
}

class Collection {
	billedFen = 0;
	paidFen = 0;
	done(): CollectionFigures {
		return {
			billedFen: this.billedFen,
			paidFen: this.paidFen,
			rate: rate(this.paidFen, this.billedFen)
		};
	}
}

const tally = (): MoneyTally => ({ count: 0, amountFen: 0 });

/**
 * Fees of a period (docs/reports.md "Fees"). Bills belong to the period by their billing
 * month; money by the ledger entry's business day. What a bill has been paid "at" a day counts
 * the payments of that day or before that were not voided or refunded by then.
 */
export function feeFigures(i: FeeInput): FeeFigures {
	const { from, to } = i.period;
	const { bills, entries } = i.index;
	const payments = tally();
	const voids = tally();
	const refunds = tally();
	const methods = Object.fromEntries(PAYMENT_METHODS.map((m) => [m, tally()])) as Record<
		PaymentMethod,
		MoneyTally
	>;
	for (const e of entries) {
		const inside = e.day >= from && e.day <= to;
		if (e.kind === 'payment') {
			if (inside) {
				payments.count++;
				payments.amountFen += e.amountFen;
				methods[e.method].count++;
				methods[e.method].amountFen += e.amountFen;
			}
		} else if (inside) {
			const t = e.kind === 'void' ? voids : refunds;
			t.count++;
			t.amountFen += e.amountFen;
		}
	}
	const end = to < i.today ? to : i.today;
	const paidAt = paidBy(i.index, end);
	const months = new Set(i.period.months);
	const billing = new Collection();
	const byBuilding = new Map<string, Collection>();
	const byItem = new Map<string, { c: Collection; standardId: string }>();
	for (const [n, b] of bills.entries()) {
		if (!months.has(b.period)) continue;
		const p = Math.min(paidAt[n]!, b.amountFen);
		const building = i.buildingOf(b.unitId);
		const bc = byBuilding.get(building) ?? new Collection();
		byBuilding.set(building, bc);
		const item = byItem.get(b.name) ?? { c: new Collection(), standardId: b.standardId };
		byItem.set(b.name, item);
		for (const c of [billing, bc, item.c]) {
			c.billedFen += b.amountFen;
			c.paidFen += p;
		}
	}
	const trend = i.period.months.map((month) => {
		const last = lastDayOfMonth(month);
		const day = [last, to, i.today].sort()[0]!;
		return arrearsAt(i.index, day, month);
	});
	const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });
	return {
		billing: billing.done(),
		byBuilding: [...byBuilding]
			.map(([building, c]) => ({ building, name: i.buildingName(building), ...c.done() }))
			.sort((a, b) => natural(a.name, b.name)),
		byItem: [...byItem]
			.map(([name, { c, standardId }]) => ({ name, nameEn: i.itemNameEn(standardId), ...c.done() }))
			.sort((a, b) => b.billedFen - a.billedFen || natural(a.name, b.name)),
		payments,
		voids,
		refunds,
		collectedFen: payments.amountFen - voids.amountFen - refunds.amountFen,
		methods,
		arrears: trend.at(-1)!,
		arrearsTrend: trend
	};
}

/** What each bill (by index) had been paid at the end of `day`. */
function paidBy(x: FeeIndex, day: string): Float64Array {
	const known = x.paidAt.get(day);
	if (known) return known;
	const out = new Float64Array(x.bills.length);
	for (let k = 0; k < x.shareBill.length; k++) {
		if (x.shareDay[k]! > day) continue;
		const gone = x.shareCancelled[k]!;
		if (gone !== '' && gone <= day) continue;
		const n = x.shareBill[k]!;
		out[n] = out[n]! + x.shareFen[k]!;
	}
	// A handful of days per report (period ends, month ends): keep the last dozen.
	if (x.paidAt.size >= 12) x.paidAt.delete(x.paidAt.keys().next().value!);
	x.paidAt.set(day, out);
	return out;
}

/**
 * Arrears at the end of a site day: every bill issued by then with a balance left, aged by
 * its billing month against the day's month (AGE_BUCKETS, as the arrears page ages them).
 */
function arrearsAt(x: FeeIndex, day: string, month: string): ArrearsPoint {
	const known = x.arrearsAt.get(day);
	if (known) return { ...known, buckets: { ...known.buckets }, month };
	const paidAt = paidBy(x, day);
	const buckets = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
	const units = new Set<string>();
	let totalFen = 0;
	for (let n = 0; n < x.bills.length; n++) {
		if (x.issued[n]! > day) continue;
		const b = x.bills[n]!;
		const balance = b.amountFen - Math.min(paidAt[n]!, b.amountFen);
		if (balance <= 0) continue;
		totalFen += balance;
		buckets[ageBucket(ageMonths(b.period, day))] += balance;
		units.add(b.unitId);
	}
	x.arrearsAt.set(day, { day, totalFen, unitsOwing: units.size, buckets });
	return { day, month, totalFen, unitsOwing: units.size, buckets: { ...buckets } };
}

/** The site day a bill was issued: its id starts with it (the store's ids, docs/store.md). */
function issuedDay(b: Bill): string {
	const m = /^(\d{4})(\d{2})(\d{2})-/.exec(b.id);
	return m ? `${m[1]}-${m[2]}-${m[3]}` : b.at.slice(0, 10);
}
