/** Simplified Chinese for printing: spread into the zh-CN catalog. */
export const zh_printing = {
	'desk.nav.printers': '打印机'
} as const;
