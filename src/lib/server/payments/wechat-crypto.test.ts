import { generateKeyPairSync, createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	aesGcmDecrypt,
	authorization,
	checkWechatSignature,
	decryptResource,
	parseAuthorization,
	requestMessage,
	verificationKeys
} from './wechat-crypto';
import { sign, verify } from 'node:crypto';

// A complete signed notification, copied from wechatpay-apiv3/wechatpay-go,
// core/notify/notify_test.go (TestHandler_ParseNotifyRequest): WeChat's own bytes.
const GO_CERT = `-----BEGIN CERTIFICATE-----
MIIDVzCCAj+gAwIBAgIJANfOWdH1ItcBMA0GCSqGSIb3DQEBCwUAMEIxCzAJBgNV
BAYTAlhYMRUwEwYDVQQHDAxEZWZhdWx0IENpdHkxHDAaBgNVBAoME0RlZmF1bHQg
Q29tcGFueSBMdGQwHhcNMjEwNDI3MDg1NTIzWhcNMzEwNDI1MDg1NTIzWjBCMQsw
CQYDVQQGEwJYWDEVMBMGA1UEBwwMRGVmYXVsdCBDaXR5MRwwGgYDVQQKDBNEZWZh
dWx0IENvbXBhbnkgTHRkMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA
2VCTd91fnUn73Xy9DLvt/V62TVxRTEEstVdeRaZ3B3leO0pldE806mXO4RwdHXag
HQ4vGeZN0yqm++rDsGK+U3AH7kejyD2pXshNP9Cq5YwbptiLGtjcquw4HNxJQUOm
DeJf2vg6byms9RUipiq4SzbJKqJFlUpbuIPDpSpWz10PYmyCNeDGUUK65E5h2B83
4uxl1zNLYQCrkdBzb8oUxwYeP5a2DNxmjL5lsJML7DGr5znsevnoqGRwTm9fxCGf
y8wus7hwKz6clt3Whmmda7UAdb1c08hEQFVRbF14AR73xbnd8N0obCWJPCbzMCtk
aSef4FdEEgEXJiw0VAJT8wIDAQABo1AwTjAdBgNVHQ4EFgQUT1c7nd/SUO76HSoZ
umNUJv1R5PwwHwYDVR0jBBgwFoAUT1c7nd/SUO76HSoZumNUJv1R5PwwDAYDVR0T
BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAfTjxKRQMzNB/U6ZoCUS+BSNfa2Oh
0plMN6ZuzwiVVZwg1jywvv5yv04koS7Pd4i9E4gt9ZBUQXlpq+A3oOCEEHNRR6b2
kyazGRM7s0OP5X21WrbpSmKmU6K7hkfx30yYs08LVs/Q8DIhvaj1FCFeJzUCzYn/
fHMq4tsbKO0dKAeydPM/nrUZBmaYQVKMVOORGLFjFKVO7JV6Kq/R86ouhjEPgJOe
2xulNBUcjicqtZlBdEh/PWCYP2SpGVDclKm8jeo175T3EVAkdKzzmfpxtMmnMlmq
cTJOU9TxuGvNASMtjj7pYIerTx+xgZDXEVBWFW9PjJ0TV06tCRsgSHItgg==
-----END CERTIFICATE-----`;
const GO_HEADERS = {
	'wechatpay-nonce': 'EcZ9Cmy4Xyx1i6RlJQzLcCyEqDa26NBz',
	'wechatpay-timestamp': '1624523846',
	'wechatpay-serial': 'D7CE59D1F522D701',
	'wechatpay-signature':
		'tJHIiIS9eB2hAYstmAmbbD3ZE5LiIm/Ug5tuL4fC0YOFRWIHV39UFIZXC0e9Wl6lBu6sKvkqDkzpqzBsVHyXF' +
		'lbYZTOQrVdG4b6LfTnK4mikv9++ixJMd3vTf2yCqvBkh98zs3Ds5zsYQakzbcwhmw4fMJs4nPLws28H0UW9FjDR//rxELLwXvV1VEA1I' +
		'BLX70xptjL8hrfUjEE8kkry6yNJTHZRU8CAc7qHli2Ng1V1qb9ARbK8A3ThmFmPQvRGrapI/jS2laKKgYUmfdEdkNO6B2Cke5e8VTxY4' +
		'06ArAmQ90GAihDwIcb16TQMnzCMBoutnwZKNiKRACrFmtxw2Q=='
};
const GO_BODY =
	'{"id":"3119dfba-e649-5eec-ab1e-3412bc4d2e17","create_time":"2021-06-24T16:37:26+08:00",' +
	'"resource_type":"encrypt-resource","event_type":"PAYSCORE.USER_OPEN_SERVICE","summary":"签约成功",' +
	'"resource":{"original_type":"payscore","algorithm":"AEAD_AES_256_GCM","ciphertext":"YDS3lKPaC4Y52Gf3uhft5qUBlIa8b428AWTtTauHQfQrRw+X1WpiuHIDy0vo1Vd6VEq67aVyqPdDYMkRVSDaZL3iZt' +
	'tevRMOoPKMifozg6XPWjIZumks/GpT48lI4NizyeaqLBokNebthah3o1H76qSlO9NkDjp9bzmKLEYYH9TEklFUpsvPqOTOcgSLgh21YJXYR' +
	'7dEBXFgRLiNIKRgO5JdXh1hccRUAlyVWxE54PXpnQ==","associated_data":"payscore","nonce":"Kj7QIyUiYx1q"}}';
const GO_NOW = new Date(1624523846 * 1000);

describe('WeChat Pay signatures, by wechatpay-go’s published notification', () => {
	const keys = verificationKeys({ platformCertificates: [GO_CERT] });

	it('verifies WeChat’s signature with the certificate its serial names', () => {
		expect([...keys.keys()]).toEqual(['D7CE59D1F522D701']);
		expect(checkWechatSignature(GO_HEADERS, GO_BODY, keys, GO_NOW)).toBeNull();
	});

	it('refuses one changed byte, an unknown serial, and a timestamp more than 5 minutes off', () => {
		expect(checkWechatSignature(GO_HEADERS, GO_BODY.replace('签约', '解约'), keys, GO_NOW)).toBe(
			'signature'
		);
		const other = { ...GO_HEADERS, 'wechatpay-serial': 'PUB_KEY_ID_0114232134912410000000000000' };
		expect(checkWechatSignature(other, GO_BODY, keys, GO_NOW)).toBe('unknownSerial');
		const later = new Date(GO_NOW.getTime() + 5 * 60_000 + 1000);
		expect(checkWechatSignature(GO_HEADERS, GO_BODY, keys, later)).toBe('stale');
		expect(
			checkWechatSignature(GO_HEADERS, GO_BODY, keys, new Date(GO_NOW.getTime() + 299_000))
		).toBeNull();
	});

	it('refuses its 16-byte APIv3 key: WeChat’s key is 32 bytes, AES-256', () => {
		const resource = JSON.parse(GO_BODY).resource;
		expect(() => decryptResource(resource, 'testMchAPIv3Key0')).toThrow(/32 bytes/);
	});

	it('holds platform certificates and 微信支付公钥 side by side', () => {
		const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const id = 'PUB_KEY_ID_0114232134912410000000000000';
		const both = verificationKeys({
			platformCertificates: [GO_CERT],
			publicKeys: [{ id, pem: publicKey.export({ type: 'spki', format: 'pem' }) as string }]
		});
		const ts = String(Math.floor(GO_NOW.getTime() / 1000));
		const body = '{"a":1}';
		const signature = sign('sha256', Buffer.from(`${ts}\nn1\n${body}\n`), privateKey).toString(
			'base64'
		);
		const headers = {
			'wechatpay-timestamp': ts,
			'wechatpay-nonce': 'n1',
			'wechatpay-serial': id,
			'wechatpay-signature': signature
		};
		expect(checkWechatSignature(headers, body, both, GO_NOW)).toBeNull();
		expect(checkWechatSignature(GO_HEADERS, GO_BODY, both, GO_NOW)).toBeNull();
	});
});

describe('AES-256-GCM, by wechatpay-axios-plugin’s vectors (tests/lib/aes.test.js)', () => {
	const key = '0123456789abcdef0123456789abcdef';
	const iv = '0123456789abcdef';

	it('decrypts "hello" with aad "world"', () => {
		expect(aesGcmDecrypt('APoZlYpivU3HjbAiB4CvW1rAFr8J', key, iv, 'world')).toBe('hello');
	});

	it('decrypts the empty plaintext', () => {
		expect(aesGcmDecrypt('GvpmmdtYwexXIPhySs9Tlg==', key, iv, '')).toBe('');
	});

	it('refuses a wrong aad (the tag does not match)', () => {
		expect(() => aesGcmDecrypt('APoZlYpivU3HjbAiB4CvW1rAFr8J', key, iv, 'World')).toThrow();
	});

	it('round-trips a transaction resource encrypted as WeChat does', () => {
		const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from('abcdefghijkl'));
		cipher.setAAD(Buffer.from('transaction'));
		const data = Buffer.concat([
			cipher.update('{"out_trade_no":"x"}'),
			cipher.final(),
			cipher.getAuthTag()
		]);
		expect(
			decryptResource(
				{
					algorithm: 'AEAD_AES_256_GCM',
					ciphertext: data.toString('base64'),
					associated_data: 'transaction',
					nonce: 'abcdefghijkl'
				},
				key
			)
		).toBe('{"out_trade_no":"x"}');
	});
});

describe('request signatures', () => {
	it('signs METHOD\\nPATH?QUERY\\nTS\\nNONCE\\nBODY\\n with the merchant key, verifiable with its certificate key', () => {
		const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const req = {
			method: 'GET',
			pathAndQuery: '/v3/pay/transactions/out-trade-no/A1?mchid=1900009191',
			body: ''
		};
		const header = authorization(
			req,
			{ mchid: '1900009191', serialNo: 'ABC', privateKey },
			GO_NOW,
			'N1'
		);
		const f = parseAuthorization(header)!;
		expect(f).toMatchObject({
			mchid: '1900009191',
			nonce_str: 'N1',
			timestamp: '1624523846',
			serial_no: 'ABC'
		});
		expect(requestMessage(req, f.timestamp!, f.nonce_str!)).toBe(
			'GET\n/v3/pay/transactions/out-trade-no/A1?mchid=1900009191\n1624523846\nN1\n\n'
		);
		expect(
			verify(
				'sha256',
				Buffer.from(requestMessage(req, f.timestamp!, f.nonce_str!)),
				publicKey,
				Buffer.from(f.signature!, 'base64')
			)
		).toBe(true);
	});
});
