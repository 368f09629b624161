import type { ErrorKey } from '$lib/i18n';

/**
 * Metered readings as a person types or pastes them: one "unit quantity" per line
 * (`1-1-101 12.5`, tab- or space-separated, as copied from a spreadsheet). Quantities are
 * parsed as text into hundredths, never through floating point.
 */

export type ReadingsResult =
	| { ok: true; readings: Record<string, number> }
	| { ok: false; key: ErrorKey; values: { line: number; unit: string } };

/** "12.5" → 1250; null unless it is a plain number with at most two decimals. */
export function parseCenti(text: string): number | null {
	const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
	if (!m) return null;
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * Unit id → reading in hundredths. The first bad line stops the parse with an `error.` key and
 * its line number (1-based, counting blank lines, so it matches what the person sees).
 */
export function parseReadings(text: string, unitIds: ReadonlySet<string>): ReadingsResult {
	const readings = new Map<string, number>();
	const lines = text.split(/\r?\n/);
	for (const [i, raw] of lines.entries()) {
		const line = raw.trim();
		if (!line) continue;
		const parts = line.split(/\s+/);
		const unit = parts[0] ?? '';
		const centi = parts.length === 2 ? parseCenti(parts[1]!) : null;
		const fail = (key: ErrorKey): ReadingsResult => ({
			ok: false,
			key,
			values: { line: i + 1, unit }
		});
		if (centi === null) return fail('error.readingLine');
		if (!unitIds.has(unit)) return fail('error.readingUnit');
		if (readings.has(unit)) return fail('error.readingTwice');
		readings.set(unit, centi);
	}
	return { ok: true, readings: Object.fromEntries(readings) };
}

/** Unit id → quantity of the stored readings of `meter` for `period` (for a bill run). */
export function storedReadings(
	// Structural, not Site: site.ts is below this module (no import cycle).
	site: {
		meterReadings: readonly {
			unitId: string;
			meter: string;
			period: string;
			quantityCenti: number;
		}[];
	},
	meter: string,
	period: string
): Map<string, number> {
	return new Map(
		site.meterReadings
			.filter((r) => r.meter === meter && r.period === period)
			.map((r) => [r.unitId, r.quantityCenti])
	);
}
