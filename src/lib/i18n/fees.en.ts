import type { zh_fees } from './fees.zh-CN';

/** English for fees: key for key with fees.zh-CN.ts. */
export const en_fees = {
	'desk.nav.fees': 'Payments',
	'desk.nav.billing': 'Bills & arrears',
	'desk.nav.close': 'Daily close'
} as const satisfies Record<keyof typeof zh_fees, string>;
