import type { zh_printing } from './printing.zh-CN';

/** English for printing: key for key with printing.zh-CN.ts. */
export const en_printing = {
	'desk.nav.printers': 'Printers'
} as const satisfies Record<keyof typeof zh_printing, string>;
