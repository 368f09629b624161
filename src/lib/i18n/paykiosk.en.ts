import type { zh_paykiosk } from './paykiosk.zh-CN';

/** English for paykiosk.zh-CN.ts. */
export const en_paykiosk = {
	'payments.provider.wechat': 'WeChat Pay',
	'payments.provider.alipay': 'Alipay',
	'payments.provider.sandbox': 'Sandbox',
	'payments.mark.wechat': 'W',
	'payments.mark.alipay': 'A',
	'payments.mark.sandbox': 'S',
	'payments.chooseHow': 'Choose how to pay',
	'payments.scanWith': 'Scan with {provider} to pay'
} satisfies Record<keyof typeof zh_paykiosk, string>;
