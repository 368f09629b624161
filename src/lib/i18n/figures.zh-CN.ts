/** Simplified Chinese for the report figures' server side (periods): spread into the zh-CN catalog. */
export const zh_figures = {
	'error.reportPeriod':
		'报表期间格式应为 月份 2026-11、季度 2026-Q4 或日期范围 2026-10-01..2026-10-15',
	'error.reportPeriodOrder': '日期范围的结束日期不能早于开始日期',
	'error.reportPeriodTooLong': '日期范围最长 {days} 天'
} as const;
