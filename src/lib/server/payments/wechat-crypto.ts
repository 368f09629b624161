/**
 * WeChat Pay API v3's cryptography, on node:crypto alone (see docs/payments.md for the rules):
 * the merchant's request signature (`WECHATPAY2-SHA256-RSA2048`), the check of WeChat's
 * signatures on answers and notifications (RSA-SHA256 over `timestamp\nnonce\nbody\n`, key
 * chosen by `Wechatpay-Serial`), and the AES-256-GCM `resource` decryption with the APIv3 key.
 * Pure functions, so the published test vectors and the tests' fake use exactly this code path.
 */
import {
	createDecipheriv,
	createPublicKey,
	randomBytes,
	sign,
	verify,
	X509Certificate,
	type KeyObject
} from 'node:crypto';

/** A request to be signed: the path includes the query string, the body is the exact bytes sent. */
export interface SignedRequest {
	method: string;
	pathAndQuery: string;
	body: string;
}

/** The string WeChat signs and verifies for a request: every line ends with `\n`, even the body's. */
export function requestMessage(r: SignedRequest, timestamp: string, nonce: string): string {
	return `${r.method.toUpperCase()}\n${r.pathAndQuery}\n${timestamp}\n${nonce}\n${r.body}\n`;
}

/** The `Authorization` header value for a request, signed with the merchant's private key. */
export function authorization(
	r: SignedRequest,
	m: { mchid: string; serialNo: string; privateKey: KeyObject | string },
	at: Date,
	nonce: string = randomBytes(16).toString('hex').toUpperCase()
): string {
	const timestamp = String(Math.floor(at.getTime() / 1000));
	const signature = sign('sha256', Buffer.from(requestMessage(r, timestamp, nonce)), m.privateKey);
	return (
		`WECHATPAY2-SHA256-RSA2048 mchid="${m.mchid}",nonce_str="${nonce}",` +
		`signature="${signature.toString('base64')}",timestamp="${timestamp}",serial_no="${m.serialNo}"`
	);
}

/** Parses an `Authorization` header back into its fields (the fake provider checks with it). */
export function parseAuthorization(header: string): Record<string, string> | null {
	const prefix = 'WECHATPAY2-SHA256-RSA2048 ';
	if (!header.startsWith(prefix)) return null;
	const fields: Record<string, string> = {};
	for (const [, k, v] of header.slice(prefix.length).matchAll(/(\w+)="([^"]*)"/g))
		if (k !== undefined && v !== undefined) fields[k] = v;
	return fields;
}

/** The headers WeChat signs its answers and notifications with. */
export const WECHAT_HEADERS = {
	timestamp: 'wechatpay-timestamp',
	nonce: 'wechatpay-nonce',
	serial: 'wechatpay-serial',
	signature: 'wechatpay-signature'
} as const;

/** Why a WeChat signature was not accepted. */
export type WechatSignatureProblem = 'missing' | 'unknownSerial' | 'stale' | 'signature';

/**
 * Checks WeChat's signature over `timestamp\nnonce\nbody\n` with the key its serial names
 * (a platform certificate's hex serial or a `PUB_KEY_ID_…` public key, both kept side by side
 * while a merchant switches). Returns null when good, else what is wrong.
 */
export function checkWechatSignature(
	headers: Record<string, string | undefined>,
	body: string,
	keys: ReadonlyMap<string, KeyObject>,
	now: Date,
	toleranceMs = 5 * 60_000
): WechatSignatureProblem | null {
	const get = (name: string) => headers[name] ?? headers[name.toLowerCase()];
	const timestamp = get(WECHAT_HEADERS.timestamp);
	const nonce = get(WECHAT_HEADERS.nonce);
	const serial = get(WECHAT_HEADERS.serial);
	const signature = get(WECHAT_HEADERS.signature);
	if (!timestamp || !nonce || !serial || !signature || !/^\d{1,12}$/.test(timestamp))
		return 'missing';
	const key = keys.get(normalSerial(serial));
	if (!key) return 'unknownSerial';
	if (Math.abs(now.getTime() - Number(timestamp) * 1000) > toleranceMs) return 'stale';
	const ok = verify(
		'sha256',
		Buffer.from(`${timestamp}\n${nonce}\n${body}\n`),
		key,
		Buffer.from(signature, 'base64')
	);
	return ok ? null : 'signature';
}

/** Certificate serials compare in upper-case hex without leading zeros; public-key ids as given. */
export function normalSerial(serial: string): string {
	if (serial.startsWith('PUB_KEY_ID_')) return serial;
	return serial.toUpperCase().replace(/^0+(?=.)/, '');
}

/** The hex serial of a PEM certificate, as WeChat writes it in `serial_no` / `Wechatpay-Serial`. */
export function certificateSerial(pem: string): string {
	return normalSerial(new X509Certificate(pem).serialNumber);
}

/**
 * The verification keys from what the merchant has: platform certificates (keyed by serial)
 * and 微信支付公钥 files (keyed by their `PUB_KEY_ID_…`).
 */
export function verificationKeys(input: {
	platformCertificates?: readonly string[];
	publicKeys?: readonly { id: string; pem: string }[];
}): Map<string, KeyObject> {
	const keys = new Map<string, KeyObject>();
	for (const pem of input.platformCertificates ?? []) {
		const cert = new X509Certificate(pem);
		keys.set(normalSerial(cert.serialNumber), cert.publicKey);
	}
	for (const k of input.publicKeys ?? []) keys.set(k.id, createPublicKey(k.pem));
	return keys;
}

/** The APIv3 key must be exactly 32 bytes: AES-256. Anything else is refused at configuration. */
export function checkApiV3Key(key: string): boolean {
	return Buffer.byteLength(key, 'utf8') === 32;
}

/** A notification's `resource`, as WeChat sends it. */
export interface EncryptedResource {
	algorithm: string;
	ciphertext: string;
	associated_data?: string;
	nonce: string;
}

/**
 * Decrypts a `resource` (AEAD_AES_256_GCM; ciphertext is base64 of ciphertext‖16-byte tag, the
 * IV is the nonce's UTF-8 bytes). Throws when the key is not 32 bytes or the tag does not match.
 */
export function decryptResource(r: EncryptedResource, apiV3Key: string): string {
	if (r.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${r.algorithm}`);
	return aesGcmDecrypt(r.ciphertext, apiV3Key, r.nonce, r.associated_data ?? '');
}

/** AES-256-GCM decryption in WeChat's encoding (base64 ciphertext‖tag). */
export function aesGcmDecrypt(ciphertext: string, key: string, iv: string, aad: string): string {
	if (!checkApiV3Key(key)) throw new Error('the APIv3 key must be 32 bytes');
	const data = Buffer.from(ciphertext, 'base64');
	if (data.length < 16) throw new Error('ciphertext too short');
	const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'utf8'), Buffer.from(iv));
	decipher.setAAD(Buffer.from(aad));
	decipher.setAuthTag(data.subarray(data.length - 16));
	return Buffer.concat([
		decipher.update(data.subarray(0, data.length - 16)),
		decipher.final()
	]).toString('utf8');
}
