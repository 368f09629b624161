/**
 * Alipay open platform (protocol v2) cryptography on node:crypto: the RSA2 signature over the
 * sorted `k=v&…` string (no URL-encoding), the check of a response's signature over the exact
 * `…_response` substring, notification checks, and certificate mode's serial numbers computed
 * as Alipay computes them (md5 of the issuer DN, last RDN first, plus the decimal serial).
 * Pure functions: the published vectors and the tests' fake use exactly this code.
 */
import {
	createHash,
	createPrivateKey,
	createPublicKey,
	sign,
	verify,
	X509Certificate,
	type KeyObject
} from 'node:crypto';

/** The string Alipay signs: non-empty values, keys in ASCII order, `k=v` joined by `&`, raw. */
export function signContent(
	params: Record<string, unknown>,
	omit: readonly string[] = ['sign']
): string {
	return Object.keys(params)
		.filter(
			(k) => !omit.includes(k) && params[k] !== undefined && params[k] !== null && params[k] !== ''
		)
		.sort()
		.map((k) => `${k}=${typeof params[k] === 'string' ? params[k] : JSON.stringify(params[k])}`)
		.join('&');
}

/** RSA-SHA256, base64 (sign_type RSA2). */
export function rsa2Sign(content: string, key: KeyObject): string {
	return sign('sha256', Buffer.from(content, 'utf8'), key).toString('base64');
}

/** Checks an RSA2 signature; false (never a throw) for garbage. */
export function rsa2Verify(content: string, signature: string, key: KeyObject): boolean {
	try {
		return verify('sha256', Buffer.from(content, 'utf8'), key, Buffer.from(signature, 'base64'));
	} catch {
		return false;
	}
}

/** Alipay hands out keys as bare base64 as often as PEM; PKCS#8 and PKCS#1 both occur. */
export function privateKeyOf(text: string): KeyObject {
	const t = text.trim();
	if (t.startsWith('-----')) return createPrivateKey(t);
	const der = Buffer.from(t.replace(/\s+/g, ''), 'base64');
	try {
		return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
	} catch {
		return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
	}
}

/** A public key from a PEM/bare-base64 SPKI key or from a certificate. */
export function publicKeyOf(text: string): KeyObject {
	const t = text.trim();
	if (t.includes('BEGIN CERTIFICATE')) return new X509Certificate(t).publicKey;
	if (t.startsWith('-----')) return createPublicKey(t);
	return createPublicKey({
		key: Buffer.from(t.replace(/\s+/g, ''), 'base64'),
		format: 'der',
		type: 'spki'
	});
}

/**
 * The exact bytes Alipay signed in a response: the value of `<method>_response` as it appears
 * in the raw text (re-serialising parsed JSON would change escapes and break the check).
 */
export function responseSignContent(raw: string, responseKey: string): string | null {
	const start = raw.indexOf(`"${responseKey}"`);
	const end = raw.lastIndexOf('"sign"');
	if (start < 0 || end < 0 || end < start) return null;
	const slice = raw.slice(start + responseKey.length + 2, end);
	const open = slice.indexOf('{');
	const close = slice.lastIndexOf('}');
	return open < 0 || close < open ? null : slice.slice(open, close + 1);
}

/**
 * Checks an asynchronous notification's `sign` over the other fields, first without `sign_type`
 * (Alipay's documented rule), then with it (some notifications sign it too).
 */
export function verifyNotifyParams(params: Record<string, string>, key: KeyObject): boolean {
	const signature = params.sign;
	if (!signature) return false;
	return (
		rsa2Verify(signContent(params, ['sign', 'sign_type']), signature, key) ||
		rsa2Verify(signContent(params, ['sign']), signature, key)
	);
}

/** Splits a file holding one or more PEM certificates. */
export function pemCertificates(text: string): string[] {
	return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** app_cert_sn / alipay_cert_sn: md5(issuer DN with the last RDN first + decimal serial). */
export function certSn(pem: string): string {
	const cert = new X509Certificate(pem);
	const issuer = cert.issuer.split('\n').reverse().join(',');
	const serial = BigInt(`0x${cert.serialNumber}`).toString(10);
	return createHash('md5')
		.update(issuer + serial, 'utf8')
		.digest('hex');
}

/**
 * alipay_root_cert_sn: the SNs of the RSA-signed certificates in alipayRootCert.crt joined by
 * `_` (the file also holds SM2 certificates, which Alipay leaves out).
 */
export function rootCertSn(text: string): string {
	return pemCertificates(text)
		.filter((pem) => signedWithRsa(pem))
		.map((pem) => {
			try {
				return certSn(pem);
			} catch {
				return null;
			}
		})
		.filter((sn): sn is string => sn !== null)
		.join('_');
}

/** Whether a certificate's signatureAlgorithm OID is under 1.2.840.113549.1.1 (PKCS#1 RSA). */
function signedWithRsa(pem: string): boolean {
	const der = Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
	// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }
	const header = (at: number) => {
		const len = der[at + 1] ?? 0;
		if (len < 0x80) return { body: at + 2, end: at + 2 + len };
		const n = len & 0x7f;
		let l = 0;
		for (let i = 0; i < n; i++) l = l * 256 + (der[at + 2 + i] ?? 0);
		return { body: at + 2 + n, end: at + 2 + n + l };
	};
	const cert = header(0);
	const tbs = header(cert.body);
	const alg = header(tbs.end);
	const oid = header(alg.body);
	const rsaPrefix = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01]);
	return der.subarray(oid.body, oid.body + rsaPrefix.length).equals(rsaPrefix);
}
