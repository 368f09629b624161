import type { MessageKey, Values } from '$lib/i18n';
import type { ReportPeriod } from '$lib/domain/reports/types';

type T = (key: MessageKey, values?: Values) => string;

/** A month as a person reads it: 2026年7月, 2026-07. */
export function monthLabel(month: string, t: T): string {
	return t('desk.reports.period.monthLabel', {
		year: month.slice(0, 4),
		month: String(Number(month.slice(5)))
	});
}

/** A period as a person reads it: 2026年第3季度 / Q3 2026, a month, or a range of days. */
export function periodLabel(p: Pick<ReportPeriod, 'kind' | 'key' | 'from' | 'to'>, t: T): string {
	if (p.kind === 'quarter') {
		const [year, q] = p.key.split('-Q');
		return t('desk.reports.period.quarterLabel', { year: year ?? '', q: q ?? '' });
	}
	if (p.kind === 'month') return monthLabel(p.key, t);
	return t('desk.reports.period.rangeLabel', { from: p.from, to: p.to });
}

/** The last `n` quarters up to the one `today` falls in, newest first (2026-Q4, 2026-Q3, …). */
export function recentQuarters(today: string, n: number): string[] {
	let year = Number(today.slice(0, 4));
	let q = Math.ceil(Number(today.slice(5, 7)) / 3);
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		out.push(`${year}-Q${q}`);
		q--;
		if (q === 0) [year, q] = [year - 1, 4];
	}
	return out;
}
