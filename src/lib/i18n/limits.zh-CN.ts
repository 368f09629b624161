/** Simplified Chinese for request limits (kiosk tickets, reports, slips, pairing): spread into the zh-CN catalog. */
export const zh_limits = {
	'error.tooManyRequests': '操作过于频繁，请 {minutes} 分钟后再试，或到前台办理',
	'error.slipPrintLimit': '这张回执已打印 {max} 次，不能再打印。请扫描二维码或记下编号'
} as const;
