import { AGE_BUCKETS, ageBucket, ageMonths, type AgeBucket, type BillBalance } from './fees';
import type { Unit } from './site';

/**
 * Arrears (欠费) and collection rate (收缴率) for the desk's reports. Pure, and in integer fen:
 * every figure is a sum of bill balances, so totals add up to the fen with no rounding.
 * Balances come from `balances()`, which already leaves out voided and refunded payments.
 */

/** Owed amounts per age bucket (by the bill's period, see ageMonths). */
export type BucketTotals = Record<AgeBucket, number>;

export interface ArrearsTotals {
	/** Units with anything owed. */
	unitsOwing: number;
	totalFen: number;
	buckets: BucketTotals;
}

export interface BuildingArrears extends ArrearsTotals {
	/** The unit's `building` (a Building id); '' for bills of a unit the site no longer has. */
	building: string;
}

export interface UnitArrears {
	unitId: string;
	building: string;
	totalFen: number;
	/** The period of the oldest bill still owed, and its age in whole months. */
	oldestPeriod: string;
	oldestMonths: number;
}

export interface ArrearsReport {
	/** Every building of the site (owing or not), then '' if needed, in natural order. */
	buildings: BuildingArrears[];
	site: ArrearsTotals;
	/** Units owing, the largest amount first. */
	units: UnitArrears[];
}

const emptyBuckets = (): BucketTotals =>
	Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as BucketTotals;

const emptyTotals = (): ArrearsTotals => ({ unitsOwing: 0, totalFen: 0, buckets: emptyBuckets() });

const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Adds one unit's owed bills to a running total. */
function addUnit(to: ArrearsTotals, owed: readonly BillBalance[], today: string): void {
	to.unitsOwing++;
	for (const b of owed) {
		to.totalFen += b.balanceFen;
		to.buckets[ageBucket(ageMonths(b.period, today))] += b.balanceFen;
	}
}

/**
 * Who owes what on `today` (YYYY-MM-DD, the site's day): per building, for the whole site,
 * and per unit. Only bills with a balance above zero count.
 */
export function arrears(o: {
	balances: readonly BillBalance[];
	units: readonly Unit[];
	today: string;
}): ArrearsReport {
	const buildingOf = new Map(o.units.map((u) => [u.id, u.building]));
	const owedByUnit = new Map<string, BillBalance[]>();
	for (const b of o.balances) {
		if (b.balanceFen <= 0) continue;
		const list = owedByUnit.get(b.unitId) ?? [];
		list.push(b);
		owedByUnit.set(b.unitId, list);
	}

	const byBuilding = new Map<string, ArrearsTotals>();
	for (const u of o.units)
		if (!byBuilding.has(u.building)) byBuilding.set(u.building, emptyTotals());
	const site = emptyTotals();
	const units: UnitArrears[] = [];
	for (const [unitId, owed] of owedByUnit) {
		const building = buildingOf.get(unitId) ?? '';
		const totals = byBuilding.get(building) ?? emptyTotals();
		byBuilding.set(building, totals);
		addUnit(totals, owed, o.today);
		addUnit(site, owed, o.today);
		const oldestPeriod = owed.map((b) => b.period).sort()[0]!;
		units.push({
			unitId,
			building,
			totalFen: owed.reduce((s, b) => s + b.balanceFen, 0),
			oldestPeriod,
			oldestMonths: ageMonths(oldestPeriod, o.today)
		});
	}
	units.sort(
		(a, b) =>
			b.totalFen - a.totalFen ||
			a.oldestPeriod.localeCompare(b.oldestPeriod) ||
			natural(a.unitId, b.unitId)
	);
	const buildings = [...byBuilding]
		.map(([building, t]) => ({ building, ...t }))
		// '' (units gone from the site) goes last.
		.sort(
			(a, b) =>
				Number(a.building === '') - Number(b.building === '') || natural(a.building, b.building)
		);
	return { buildings, site, units };
}

export interface CollectionRate {
	period: string;
	/** What the period's bills charged, and how much of it is paid (voided payments excluded). */
	billedFen: number;
	paidFen: number;
	/** paid / billed, 0–1; null when nothing was billed for the period. */
	rate: number | null;
}

/** The collection rate of one period: paid over billed, for that period's bills only. */
export function collectionRate(balances: readonly BillBalance[], period: string): CollectionRate {
	let billedFen = 0;
	let paidFen = 0;
	for (const b of balances) {
		if (b.period !== period) continue;
		billedFen += b.amountFen;
		// A bill cannot be paid beyond its amount; were it ever, the rate still stops at 100%.
		paidFen += Math.min(b.paidFen, b.amountFen);
	}
	return { period, billedFen, paidFen, rate: billedFen > 0 ? paidFen / billedFen : null };
}
