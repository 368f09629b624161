/** What the kiosk says about payment providers: their names, marks and the choice. */
export const zh_paykiosk = {
	'payments.provider.wechat': '微信支付',
	'payments.provider.alipay': '支付宝',
	'payments.provider.sandbox': '演示支付',
	'payments.mark.wechat': '微',
	'payments.mark.alipay': '支',
	'payments.mark.sandbox': '演',
	'payments.chooseHow': '请选择支付方式',
	'payments.scanWith': '请用{provider}扫码支付'
} as const;
