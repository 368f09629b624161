import { formatFen } from '$lib/domain/money';
import type { MessageKey, Values } from '$lib/i18n';

/**
 * How the reports page writes its figures: rates as percentages with one decimal, "—" where
 * nothing was counted, durations in minutes or hours, changes against the previous period.
 * Pure, so the page, the printed pack and the tests agree.
 */

type T = (key: MessageKey, values?: Values) => string;

/** What a figure shows with nothing counted (a rate of no ratings is not 0% nor 100%). */
export const NONE = '—';

/** 0.9523 → "95.2%"; null → "—". */
export function pct(rate: number | null): string {
	return rate === null ? NONE : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A duration in ms as a person reads it: minutes under two hours, else hours; null → "—". */
export function duration(ms: number | null, t: T): string {
	if (ms === null) return NONE;
	const minutes = Math.round(ms / 60_000);
	if (minutes < 120) return t('desk.reports.minutes', { n: minutes });
	return t('desk.reports.hours', { n: (Math.round(minutes / 6) / 10).toFixed(1) });
}

/** An amount in fen as yuan ("￥1,280.50"). */
export function money(fen: number): string {
	return formatFen(fen);
}

/** The kind of a figure, which decides how its change reads. */
export type FigureKind = 'rate' | 'count' | 'fen' | 'ms';

/**
 * The change from the previous period: percentage points for rates, a signed difference for
 * counts, amounts and times; "—" when either side has nothing counted.
 */
export function change(now: number | null, before: number | null, kind: FigureKind, t: T): string {
	if (now === null || before === null) return NONE;
	// Times are compared as shown (whole minutes), so 6 min beside 6 min reads ±0, not +0.
	const d =
		kind === 'ms'
			? Math.round(now / 60_000) * 60_000 - Math.round(before / 60_000) * 60_000
			: now - before;
	const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
	const abs = Math.abs(d);
	if (kind === 'rate')
		return t('desk.reports.points', { sign, n: (Math.round(abs * 1000) / 10).toFixed(1) });
	if (kind === 'fen') return `${sign}${formatFen(abs)}`;
	if (kind === 'ms') return `${sign}${duration(abs, t)}`;
	return `${sign}${abs}`;
}

/** One figure's cell text, by its kind. */
export function show(value: number | null, kind: FigureKind, t: T): string {
	if (value === null) return NONE;
	if (kind === 'rate') return pct(value);
	if (kind === 'fen') return money(value);
	if (kind === 'ms') return duration(value, t);
	return String(value);
}

/** A row of a section's figure table: this period, the one before, the change, the target. */
export interface FigureRow {
	label: string;
	now: number | null;
	before: number | null;
	kind: FigureKind;
	/** The target a rate is held to (met when now ≥ target); none for most figures. */
	target?: number;
	/** The list behind the figure. */
	href?: string;
	testid?: string;
}

/** Met, missed, or null (no target, or nothing counted). */
export function verdict(row: Pick<FigureRow, 'now' | 'target'>): boolean | null {
	if (row.target === undefined || row.now === null) return null;
	return row.now >= row.target;
}
