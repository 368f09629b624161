import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	certSn,
	publicKeyOf,
	responseSignContent,
	rsa2Sign,
	rsa2Verify,
	signContent,
	verifyNotifyParams
} from './alipay-crypto';

// A real TRADE_SUCCESS notification (2019) and the Alipay public key it verifies with, copied
// from alipay/alipay-sdk-nodejs-all, test/alipay.test.ts ("checkNotifySign(), checkNotifySignV2()"
// → "verify sign should delete sign_type"). fund_bill_list arrives in the form as JSON text.
const NOTIFY_KEY =
	'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqObrdC7hrgAVM98tK0nv3hSQRGGKT4lBsQjHiGjeYZjOPIPHR5knm2jnnz/YGIXIofVHkA/tAlBAd5DrY7YpvI4tP5EONLtZKC2ghBMx7McI2wRD0xiqzxOQr1FuhZGJ8/AUokBzJrzY+aGX2xcOrxFYRlFilvVLTXg4LWjR1tdPkO6+i7wQZAIVMClPkwVRZEbaERRHlKqTzv2gGv5rDU8gRoe1LeaN+6BlbTqHWkQcNCUNrA8C6l17XAXGKDsm/9TFWwO8EPHHHCaQdjtV5/FdcWIt+L8SR1ss7EXTjYDFtxcKVv9rEoY1lX8T4mX+GbXfZHraG5NCF1+XioL5JwIDAQAB';
const NOTIFY: Record<string, string> = {
	gmt_create: '2019-08-15 15:56:22',
	charset: 'utf-8',
	seller_email: 'z97-yuquerevenue@service.aliyun.com',
	subject: '语雀空间 500人规模',
	sign: 'QfTb8tqE1BMhS5qAnXtvsF3/jBkEvu9q9en0pdbBUDDjvKycZhQb7h8GDs4FKfi049PynaNuatxSgLb/nLWZpXyyh0LEWdK2S6Ri7nPwrVgOs08zugLO20vOQz44y3ti2Ncm8/wZts1Fr2gZ7pShnVX3d1B50hbsXnObT1r/U8ONNQjWXd0HIul4TG+Q3fm3svmSvFEy0WnzuhcyHPX5Gm4ELNctL6Qd5YniGJFNcc7kopHYtI/XD9YCKCH6Ct02rzUs9i11C9CsadtZn+WhxF26Dqt9sGEFajkJ8cxUTLi8+VCpLHsgPE8P0y095uQcDdK0YjCh4x7wVSov+lrmOQ==',
	buyer_id: '2088102534368455',
	invoice_amount: '0.10',
	notify_id: '2019081500222155624068450559358070',
	fund_bill_list: '[{"amount":"0.10","fundChannel":"ALIPAYACCOUNT"}]',
	notify_type: 'trade_status_sync',
	trade_status: 'TRADE_SUCCESS',
	receipt_amount: '0.10',
	buyer_pay_amount: '0.10',
	sign_type: 'RSA2',
	app_id: '2019073166072302',
	seller_id: '2088531891668739',
	gmt_payment: '2019-08-15 15:56:24',
	notify_time: '2019-08-15 15:56:25',
	version: '1.0',
	out_trade_no: '20190815155618536-564-57',
	total_amount: '0.10',
	trade_no: '2019081522001468450512505578',
	auth_app_id: '2019073166072302',
	buyer_logon_id: 'xud***@126.com',
	point_amount: '0.00'
};

// An application certificate and its app_cert_sn, from alipay-sdk-nodejs-all
// test/fixtures/appCertPublicKey_2021001161683774.crt and test/antcertutil.test.ts.
const APP_CERT = `-----BEGIN CERTIFICATE-----
MIIEsTCCA5mgAwIBAgIQICAFGGIDnUCQiXuk1RwhJjANBgkqhkiG9w0BAQsFADCBgjELMAkGA1UE
BhMCQ04xFjAUBgNVBAoMDUFudCBGaW5hbmNpYWwxIDAeBgNVBAsMF0NlcnRpZmljYXRpb24gQXV0
aG9yaXR5MTkwNwYDVQQDDDBBbnQgRmluYW5jaWFsIENlcnRpZmljYXRpb24gQXV0aG9yaXR5IENs
YXNzIDEgUjEwHhcNMjAwNTE4MDUyODQ3WhcNMjIwNTE4MDUyODQ3WjB5MQswCQYDVQQGEwJDTjEt
MCsGA1UECgwk5p2t5bee54SV5pet5L+h5oGv5oqA5pyv5pyJ6ZmQ5YWs5Y+4MQ8wDQYDVQQLDAZB
bGlwYXkxKjAoBgNVBAMMITIwODg4MzEyMDQ2NTkyMTctMjAyMTAwMTE2MTY4Mzc3NDCCASIwDQYJ
KoZIhvcNAQEBBQADggEPADCCAQoCggEBAJxb57A3/QC/2oDPcZrqWKPs/2qjVlY/x00s3OWa0Cnh
ftO/4tk33cuVEwaQW7b/KbeyfmZ7p8SoxJ9UBDASDACq4TGgR0hFFIIT1FCjeUe8owXyaQsjbKL/
6woXKHHOAaNCY42d9uKZ0ZAyeyX4gF+eEWVmobkDjUAYi6FdL/zyogbrKrYFibmKbTjuVocvlZN2
2R6CEJHCSnc3lw+Ya9NVe7DDx05B8MUQMPBZe9ZhvQb2D75bniV1i4clv/lezKdWyT//d/dIpGVx
4tt92bMwt//UeFG2jLTWJG6h9bv6RCp4O7NFwE4IVMsJhoFTQKEatBx5wsfbYUC3Ivuo2/MCAwEA
AaOCASkwggElMB8GA1UdIwQYMBaAFHEH4gRhFuTl8mXrMQ/J4PQ8mtWRMB0GA1UdDgQWBBSXl4+T
1U+ja4hCST3DlTQAAKQ/tTBABgNVHSAEOTA3MDUGB2CBHAFuAQEwKjAoBggrBgEFBQcCARYcaHR0
cDovL2NhLmFsaXBheS5jb20vY3BzLnBkZjAOBgNVHQ8BAf8EBAMCBsAwLwYDVR0fBCgwJjAkoCKg
IIYeaHR0cDovL2NhLmFsaXBheS5jb20vY3JsNDEuY3JsMGAGCCsGAQUFBwEBBFQwUjAoBggrBgEF
BQcwAoYcaHR0cDovL2NhLmFsaXBheS5jb20vY2E2LmNlcjAmBggrBgEFBQcwAYYaaHR0cDovL2Nh
LmFsaXBheS5jb206ODM0MC8wDQYJKoZIhvcNAQELBQADggEBALeeTrnXKUYapQ/ig9MB4h9KoP3g
27BVJwOxYaIqWxm6iDvOr/Ju+/8QKygnH6dM3+6+pShCdHsCFaSAQM4gUwxS4F1PcISjKs3LQ6Q8
eWHZMV9w292DOzFRNUoMmgI2yAGOW6DxmnNDFxbVjzcABsrjOmoqso5c4y82K7cl9AfvTm+ThOC3
wPQqTiLOZ6xoSL8pO4V+BkPrJTKJNqX0cVPm+QLP+TC411GTjrmz2nv1OPEVSTey5HaB6HWQeDz7
hGnbipZswfCRHRiu42+4pQZw+3rQ6uRzSPMpxgk7RaBWexybrqRk6ZfyXMcxJvNDWWk/EQlzLL8S
RuJzW8kcFrE=
-----END CERTIFICATE-----`;

describe('Alipay notifications, by alipay-sdk’s published vector', () => {
	const key = publicKeyOf(NOTIFY_KEY);

	it('verifies a real TRADE_SUCCESS notification, as it arrives in a form body', () => {
		const body = new URLSearchParams(NOTIFY).toString();
		expect(verifyNotifyParams(Object.fromEntries(new URLSearchParams(body)), key)).toBe(true);
	});

	it('refuses it with the amount changed, or without a sign', () => {
		expect(verifyNotifyParams({ ...NOTIFY, total_amount: '100.10' }, key)).toBe(false);
		expect(verifyNotifyParams({ ...NOTIFY, sign: '' }, key)).toBe(false);
		expect(verifyNotifyParams({ ...NOTIFY, sign: 'garbage' }, key)).toBe(false);
	});
});

describe('certificate mode', () => {
	it('computes app_cert_sn as Alipay does (md5 of the reversed issuer DN and decimal serial)', () => {
		expect(certSn(APP_CERT)).toBe('866efef280dec9137a87d047ac446315');
	});
});

describe('request and response signatures', () => {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

	it('signs the sorted, unencoded k=v string without sign, leaving out empty values', () => {
		const params = {
			method: 'alipay.trade.query',
			app_id: '2021',
			sign: 'x',
			empty: '',
			biz_content: '{"a":"b&c"}'
		};
		expect(signContent(params)).toBe(
			'app_id=2021&biz_content={"a":"b&c"}&method=alipay.trade.query'
		);
		expect(
			rsa2Verify(signContent(params), rsa2Sign(signContent(params), privateKey), publicKey)
		).toBe(true);
	});

	it('verifies the exact response substring, escapes and all', () => {
		const inner = '{"code":"10000","msg":"Success","qr_code":"https:\\/\\/qr.alipay.com\\/bax1"}';
		const raw = `{"alipay_trade_precreate_response":${inner},"sign":"${rsa2Sign(inner, privateKey)}"}`;
		expect(responseSignContent(raw, 'alipay_trade_precreate_response')).toBe(inner);
		const sign = JSON.parse(raw).sign;
		expect(
			rsa2Verify(responseSignContent(raw, 'alipay_trade_precreate_response')!, sign, publicKey)
		).toBe(true);
		expect(rsa2Verify(JSON.stringify(JSON.parse(inner)), sign, publicKey)).toBe(false);
	});
});
