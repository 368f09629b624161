import type { zh_payments } from './payments.zh-CN';

/** English for payments: key for key with payments.zh-CN.ts. */
export const en_payments = {
	'payments.provider.wechat': 'WeChat Pay',
	'payments.provider.alipay': 'Alipay',
	'payments.provider.sandbox': 'Sandbox',
	'payments.chooseHow': 'Choose how to pay',
	'payments.payWith': '{provider} {amount}',
	'payments.scanWith': 'Scan with {provider} to pay',
	'error.paymentProviderUnknown':
		'That way to pay is not available. Choose another, or pay at the front desk.',
	'error.paymentProviderDown':
		'The payment service cannot be reached just now. Try again shortly, or pay at the front desk.',

	'desk.nav.payments': 'Payments',
	'payments.config.title': 'Payment providers',
	'payments.config.intro':
		'With WeChat Pay or Alipay enabled the kiosks take real payments; with neither, they use the sandbox. Keys are kept in the data folder, readable only by the server, and never shown again once saved.',
	'payments.config.enabled': 'Enabled',
	'payments.config.status.on': 'Enabled',
	'payments.config.status.off': 'Not enabled',
	'payments.config.secretSet': 'Set (fingerprint {fingerprint})',
	'payments.config.secretUnset': 'Not set',
	'payments.config.keepSecret': 'Leave empty to keep what is saved',
	'payments.config.save': 'Save',
	'payments.config.saved': 'Saved',
	'payments.config.test': 'Test connection',
	'payments.config.testing': 'Testing…',
	'payments.config.notify.public':
		'A public address is set, so payment notifications are received too: {url}',
	'payments.config.notify.none':
		'No public HTTPS address (PUBLIC_URL): notifications cannot reach this server, so Foyer asks the provider every second instead. Payments work all the same.',
	'payments.field.mchid': 'Merchant id (mchid)',
	'payments.field.appid': 'AppID',
	'payments.field.merchantCertificate': 'Merchant API certificate (apiclient_cert.pem)',
	'payments.field.serialNo': 'Merchant certificate serial',
	'payments.field.privateKey': 'Merchant private key (apiclient_key.pem)',
	'payments.field.apiV3Key': 'APIv3 key (32 characters)',
	'payments.field.platformCertificates': 'Platform certificates (PEM, any number)',
	'payments.field.publicKeyId': 'WeChat Pay public key id (PUB_KEY_ID_…)',
	'payments.field.publicKey': 'WeChat Pay public key (pub_key.pem)',
	'payments.field.baseUrl': 'API address (empty: the real one)',
	'payments.field.appId': 'Application AppID',
	'payments.field.sellerId': 'Merchant PID (seller_id, optional)',
	'payments.field.appPrivateKey': 'Application private key',
	'payments.field.alipayPublicKey': 'Alipay public key (public-key mode)',
	'payments.field.appCert': 'Application public-key certificate (certificate mode)',
	'payments.field.alipayCert': 'Alipay public-key certificate (certificate mode)',
	'payments.field.rootCert': 'Alipay root certificate (certificate mode)',
	'payments.field.gateway': 'Gateway address (empty: the real one)',
	'payments.test.ok':
		'Connected: our signature was accepted and the answer’s signature checked out',
	'payments.test.unreachable': 'The provider cannot be reached (network or timeout): {detail}',
	'payments.test.signature':
		'The provider refused our signature: the certificate serial is wrong, or the private key does not match the certificate ({detail})',
	'payments.test.clock':
		'This server’s clock is too far from the provider’s. Set the clock right (NTP).',
	'payments.test.answer':
		'The provider’s answer did not verify: the platform certificate or public key is wrong ({detail})',
	'payments.test.rejected': 'The provider refused the request: {detail}',
	'error.paymentsConfig.missing': 'Missing: {field}',
	'error.paymentsConfig.apiV3KeyLength': 'The APIv3 key must be exactly 32 characters',
	'error.paymentsConfig.badKey': 'That key cannot be read: {field}',
	'error.paymentsConfig.badCertificate': 'That certificate cannot be read: {field}',
	'error.paymentsConfig.keyCertMismatch': 'The private key does not match the certificate: {field}',
	'error.paymentsConfig.badUrl': 'That address is not valid: {field}',
	'error.paymentsProvider': 'Unknown payment provider'
} as const satisfies Record<keyof typeof zh_payments, string>;
