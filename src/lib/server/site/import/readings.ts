import { periodSchema } from '$lib/domain/fees';
import { parseCenti } from '$lib/domain/readings';
import type { MeterReading, Site } from '$lib/domain/site';
import type { ErrorKey } from '$lib/i18n';

/** plan.ts's RowError, by shape (plan.ts imports this module). */
interface RowError {
	row: number;
	field: string;
	key: ErrorKey;
	values: Record<string, string | number>;
}

/**
 * Meter readings import: unit + meter + period + reading (what the unit used in the period).
 * The meter names a metered fee standard (水费 or its English name), so the bill run of the
 * period knows which standard a reading is for. Kept apart from plan.ts, which it plugs into.
 */

type Parsed = { ok: true; key: string; value: MeterReading } | { ok: false; errors: RowError[] };

/** One row, checked: the unit exists, the meter is a metered standard, a period, a quantity. */
export function parseReadingRow(
	row: number,
	get: (field: string) => string,
	ctx: { site: Site; unitIds: ReadonlySet<string> }
): Parsed {
	const errors: RowError[] = [];
	const unit = get('unit');
	const meterText = get('meter');
	const period = get('period');
	const quantity = parseCenti(get('reading'));
	if (!ctx.unitIds.has(unit)) {
		errors.push({ row, field: 'unit', key: 'error.importUnitUnknown', values: { unit } });
	}
	const standard = ctx.site.feeStandards.find(
		(s) => s.kind === 'metered' && (s.name === meterText || s.nameEn === meterText)
	);
	if (!standard) {
		errors.push({
			row,
			field: 'meter',
			key: 'error.importMeterUnknown',
			values: { meter: meterText }
		});
	}
	if (!periodSchema.safeParse(period).success) {
		errors.push({ row, field: 'period', key: 'error.period', values: {} });
	}
	if (quantity === null) {
		errors.push({ row, field: 'reading', key: 'error.readingValue', values: {} });
	}
	if (errors.length) return { ok: false, errors };
	const value: MeterReading = {
		unitId: unit,
		meter: standard!.name,
		period,
		quantityCenti: quantity!
	};
	return { ok: true, key: readingKey(value), value };
}

/** The natural key: unit + meter + period. */
export const readingKey = (r: Pick<MeterReading, 'unitId' | 'meter' | 'period'>): string =>
	`${r.unitId}|${r.meter}|${r.period}`;

/**
 * Counts what the accepted rows would add, correct or leave alone, and the change that
 * applies them. A corrected reading replaces the stored one; bills already issued from it
 * are never changed (a bill run bills each unit, period and standard once).
 */
export function mergeReadings(
	rows: { value: unknown }[],
	site: Site
): { add: number; update: number; unchanged: number; change: (s: Site) => void } {
	const stored = new Map(site.meterReadings.map((r) => [readingKey(r), r]));
	const changed: MeterReading[] = [];
	let add = 0;
	let update = 0;
	let unchanged = 0;
	for (const { value } of rows) {
		const r = value as MeterReading;
		const old = stored.get(readingKey(r));
		if (!old) add++;
		else if (old.quantityCenti === r.quantityCenti) {
			unchanged++;
			continue;
		} else update++;
		changed.push(r);
	}
	return {
		add,
		update,
		unchanged,
		change: (s) => {
			const byKey = new Map(s.meterReadings.map((r) => [readingKey(r), r]));
			for (const r of changed) {
				const old = byKey.get(readingKey(r));
				if (old) old.quantityCenti = r.quantityCenti;
				else s.meterReadings.push({ ...r });
			}
		}
	};
}
