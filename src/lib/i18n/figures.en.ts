import type { zh_figures } from './figures.zh-CN';

/** English for the report figures' server side: key for key with figures.zh-CN.ts. */
export const en_figures = {
	'error.reportPeriod':
		'A report period is a month (2026-11), a quarter (2026-Q4) or a range of days (2026-10-01..2026-10-15)',
	'error.reportPeriodOrder': 'The range ends before it starts',
	'error.reportPeriodTooLong': 'A range is at most {days} days'
} as const satisfies Record<keyof typeof zh_figures, string>;
