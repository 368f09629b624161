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
	/** Every bill and every ledger entry (the report needs balances at past days). */
	bills: Iterable<Bill>;
	ledger: Iterable<LedgerEntry>;
	/** Unit id → building id, building id → name, fee standard id → English name. */
	buildingOf: (unitId: string) => string;
	buildingName: (buildingId: string) => string;
	itemNameEn: (standardId: string) => string | undefined;
	/** The site's today: points in the future are counted at today. */
	today: string;
}

/** One payment's share of one bill, and when (if ever) the payment was voided or refunded. */
interface Paid {
	billId: string;
	amountFen: number;
	day: string;
	cancelledDay: string | null;
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
	const bills = [...i.bills];
	const entries = [...i.ledger];
	const cancelled = new Map<string, string>();
	for (const e of entries) if (e.voidOf) cancelled.set(e.voidOf, e.day);
	const paid: Paid[] = [];
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
			for (const a of e.allocations)
				paid.push({
					billId: a.billId,
					amountFen: a.amountFen,
					day: e.day,
					cancelledDay: cancelled.get(e.id) ?? null
				});
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
	const paidAt = paidBy(paid, end);
	const months = new Set(i.period.months);
	const billing = new Collection();
	const byBuilding = new Map<string, Collection>();
	const byItem = new Map<string, { c: Collection; standardId: string }>();
	for (const b of bills) {
		if (!months.has(b.period)) continue;
		const p = Math.min(paidAt.get(b.id) ?? 0, b.amountFen);
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
		return arrearsAt(bills, paid, day, month);
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

/** What each bill had been paid at the end of `day`. */
function paidBy(paid: readonly Paid[], day: string): Map<string, number> {
	const out = new Map<string, number>();
	for (const p of paid) {
		if (p.day > day || (p.cancelledDay !== null && p.cancelledDay <= day)) continue;
		out.set(p.billId, (out.get(p.billId) ?? 0) + p.amountFen);
	}
	return out;
}

/**
 * Arrears at the end of a site day: every bill issued by then (its record's day) with a
 * balance left, aged by its billing month against the day's month (AGE_BUCKETS).
 */
function arrearsAt(
	bills: readonly Bill[],
	paid: readonly Paid[],
	day: string,
	month: string
): ArrearsPoint {
	const paidAt = paidBy(paid, day);
	const buckets = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
	const units = new Set<string>();
	let totalFen = 0;
	for (const b of bills) {
		if (issuedDay(b) > day) continue;
		const balance = b.amountFen - Math.min(paidAt.get(b.id) ?? 0, b.amountFen);
		if (balance <= 0) continue;
		totalFen += balance;
		buckets[ageBucket(ageMonths(b.period, day))] += balance;
		units.add(b.unitId);
	}
	return { day, month, totalFen, unitsOwing: units.size, buckets };
}

/** The site day a bill was issued: its id starts with it (the store's ids, docs/store.md). */
function issuedDay(b: Bill): string {
	const m = /^(\d{4})(\d{2})(\d{2})-/.exec(b.id);
	return m ? `${m[1]}-${m[2]}-${m[3]}` : b.at.slice(0, 10);
}
