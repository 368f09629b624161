import { FoyerError } from '../errors';
import type { ReportPeriod } from './types';

/**
 * Report periods: a month (`2026-11`), a quarter (`2026-Q4`) or a range of site days
 * (`2026-10-01..2026-10-15`, both inclusive). Days are calendar days in the site's time zone;
 * turning them into instants is the caller's (see periodBounds). Pure.
 */

/** A range longer than this is refused: three years of daily figures is already a lot. */
export const MAX_RANGE_DAYS = 3 * 366;

const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar day (no time zone: the day is a label). */
function dayNumber(day: string): number | null {
	const m = DAY.exec(day);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = Date.UTC(y, mo - 1, d);
	const back = new Date(t);
	// 2026-02-30 rolls over to March: not a day.
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
		return null;
	return t / DAY_MS;
}

/** The calendar day of a day number. */
export function dayOf(n: number): string {
	return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before, for negative n). */
export function addDays(day: string, n: number): string {
	return dayOf(dayNumber(day)! + n);
}

/** The last day of a month `YYYY-MM`. */
export function lastDayOfMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return dayOf(Date.UTC(y, m, 0) / DAY_MS);
}

/** The months `from`..`to` touch, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
	const out: string[] = [];
	let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
	const last = to.slice(0, 7);
	for (;;) {
		const key = `${y}-${String(m).padStart(2, '0')}`;
		out.push(key);
		if (key >= last) return out;
		m++;
		if (m > 12) [y, m] = [y + 1, 1];
	}
}

function build(kind: ReportPeriod['kind'], key: string, from: string, to: string): ReportPeriod {
	return {
		kind,
		key,
		from,
		to,
		days: dayNumber(to)! - dayNumber(from)! + 1,
		months: monthsBetween(from, to)
	};
}

/** The month `YYYY-MM`. */
export function monthPeriod(month: string): ReportPeriod {
	return build('month', month, `${month}-01`, lastDayOfMonth(month));
}

/** The quarter `n` (1–4) of a year. */
export function quarterPeriod(year: number, n: number): ReportPeriod {
	const first = `${year}-${String((n - 1) * 3 + 1).padStart(2, '0')}`;
	const last = `${year}-${String(n * 3).padStart(2, '0')}`;
	return build('quarter', `${year}-Q${n}`, `${first}-01`, lastDayOfMonth(last));
}

/** Site days `from`..`to`, inclusive. */
export function rangePeriod(from: string, to: string): ReportPeriod {
	return build('range', `${from}..${to}`, from, to);
}

/**
 * Reads a period from untrusted input. Refuses with a translated error: a malformed key
 * (`error.reportPeriod`), a range that ends before it starts (`error.reportPeriodOrder`) or
 * one longer than MAX_RANGE_DAYS (`error.reportPeriodTooLong`).
 */
export function parsePeriod(input: unknown): ReportPeriod {
	const text = typeof input === 'string' ? input.trim() : '';
	const month = MONTH.exec(text);
	if (month) return monthPeriod(text);
	const quarter = QUARTER.exec(text);
	if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]));
	const [from, to, ...rest] = text.split('..');
	if (from && to && rest.length === 0) {
		const a = dayNumber(from);
		const b = dayNumber(to);
		if (a !== null && b !== null) {
			if (b < a) throw new FoyerError('error.reportPeriodOrder', {}, 400, 'period');
			if (b - a + 1 > MAX_RANGE_DAYS)
				throw new FoyerError('error.reportPeriodTooLong', { days: MAX_RANGE_DAYS }, 400, 'period');
			return rangePeriod(from, to);
		}
	}
	throw new FoyerError('error.reportPeriod', {}, 400, 'period');
}

/**
 * The period a report is compared with: the previous month, the previous quarter, or the same
 * number of days just before a range.
 */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
	if (p.kind === 'month') return monthPeriod(addDays(p.from, -1).slice(0, 7));
	if (p.kind === 'quarter') {
		const [y, q] = p.key.split('-Q').map(Number) as [number, number];
		return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
	}
	return rangePeriod(addDays(p.from, -p.days), addDays(p.from, -1));
}

/** The period a site day falls in, of the same kind as a month or quarter key (for defaults). */
export function monthOf(day: string): ReportPeriod {
	return monthPeriod(day.slice(0, 7));
}

/** Whether a site day lies in the period. */
export function inPeriod(p: Pick<ReportPeriod, 'from' | 'to'>, day: string): boolean {
	return day >= p.from && day <= p.to;
}
