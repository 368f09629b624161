import type { zh_limits } from './limits.zh-CN';

/** English for request limits: key for key with limits.zh-CN.ts. */
export const en_limits = {
	'error.tooManyRequests':
		'Too many requests from this screen. Try again in {minutes} min, or ask at the front desk.',
	'error.slipPrintLimit':
		'This slip has been printed {max} times already. Scan the QR code or note the number instead.'
} as const satisfies Record<keyof typeof zh_limits, string>;
