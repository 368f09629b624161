/** Simplified Chinese for fees: spread into the zh-CN catalog. */
export const zh_fees = {
	'desk.nav.fees': '收费',
	'desk.nav.billing': '账单与欠费',
	'desk.nav.close': '日结'
} as const;
