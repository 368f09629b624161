/**
 * The real providers' configuration: merchant ids, keys, certificates and the APIv3 key, kept in
 * `<data>/secrets/payments.json`, a file only the server's user can read (0600, in a 0700
 * folder), outside the store's records so that no export, backup of records, push or audit
 * entry carries it. What leaves this module about a secret is "set" and a fingerprint.
 */
import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '$lib/domain/time';
import { AlipayProvider } from './alipay';
import { certSn, pemCertificates, privateKeyOf, publicKeyOf, rootCertSn } from './alipay-crypto';
import type { PaymentProvider } from './provider';
import { WechatProvider } from './wechat';
import { certificateSerial, checkApiV3Key, verificationKeys } from './wechat-crypto';

const text = z.string().max(20_000);

export const wechatConfigSchema = z.object({
	enabled: z.boolean().default(false),
	mchid: z.string().max(32).default(''),
	appid: z.string().max(64).default(''),
	/** The merchant API certificate's serial (taken from the certificate when one is uploaded). */
	serialNo: z.string().max(64).default(''),
	privateKey: text.default(''),
	apiV3Key: z.string().max(64).default(''),
	/** Platform certificates (PEM), any number: held side by side with the public key. */
	platformCertificates: z.array(text).max(8).default([]),
	publicKeyId: z.string().max(64).default(''),
	publicKey: text.default(''),
	baseUrl: z.string().max(300).default('')
});

export const alipayConfigSchema = z.object({
	enabled: z.boolean().default(false),
	appId: z.string().max(32).default(''),
	sellerId: z.string().max(32).default(''),
	privateKey: text.default(''),
	/** Public-key mode: the Alipay public key. */
	alipayPublicKey: text.default(''),
	/** Certificate mode: appCertPublicKey_<appid>.crt, alipayCertPublicKey_RSA2.crt, alipayRootCert.crt. */
	appCert: text.default(''),
	alipayCert: text.default(''),
	rootCert: text.default(''),
	gateway: z.string().max(300).default('')
});

export const paymentsConfigSchema = z.object({
	wechat: wechatConfigSchema.default(wechatConfigSchema.parse({})),
	alipay: alipayConfigSchema.default(alipayConfigSchema.parse({}))
});

export type WechatConfig = z.infer<typeof wechatConfigSchema>;
export type AlipayConfig = z.infer<typeof alipayConfigSchema>;
export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;

/** The fields holding secrets or key material: never shown again, only "set" and a fingerprint. */
export const SECRET_FIELDS = {
	wechat: ['privateKey', 'apiV3Key'] as const,
	alipay: ['privateKey'] as const
};

/** What is wrong with a configuration, as a translation key suffix (payments.config.<problem>). */
export class ConfigProblem extends Error {
	constructor(
		readonly problem:
			'apiV3KeyLength' | 'badKey' | 'badCertificate' | 'keyCertMismatch' | 'missing' | 'badUrl',
		readonly field: string
	) {
		super(`${field}: ${problem}`);
		this.name = 'ConfigProblem';
	}
}

/** A short, non-reversible fingerprint of a secret or a key's public half, for "set (ab12…)". */
export function fingerprint(secret: string): string {
	return createHash('sha256').update(secret.trim()).digest('hex').slice(0, 12);
}

/** Reads and writes the configuration file, readable by the server's user only. */
export class PaymentsConfigFile {
	constructor(private readonly dataDir: string) {}

	get file(): string {
		return join(this.dataDir, 'secrets', 'payments.json');
	}

	async load(): Promise<PaymentsConfig> {
		try {
			return paymentsConfigSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return paymentsConfigSchema.parse({});
			throw e;
		}
	}

	async save(config: PaymentsConfig): Promise<void> {
		const dir = join(this.dataDir, 'secrets');
		await mkdir(dir, { recursive: true, mode: 0o700 });
		await chmod(dir, 0o700);
		const tmp = `${this.file}.tmp`;
		const handle = await open(tmp, 'w', 0o600);
		try {
			await handle.writeFile(JSON.stringify(config), 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}
		await chmod(tmp, 0o600);
		await rename(tmp, this.file);
	}
}

/** Checks a WeChat configuration that is to be enabled; throws ConfigProblem. */
export function checkWechat(c: WechatConfig): void {
	for (const f of ['mchid', 'appid', 'privateKey', 'apiV3Key', 'serialNo'] as const)
		if (!c[f]) throw new ConfigProblem('missing', f);
	if (!checkApiV3Key(c.apiV3Key)) throw new ConfigProblem('apiV3KeyLength', 'apiV3Key');
	try {
		privateKeyOf(c.privateKey);
	} catch {
		throw new ConfigProblem('badKey', 'privateKey');
	}
	if (c.platformCertificates.length === 0 && !(c.publicKeyId && c.publicKey))
		throw new ConfigProblem('missing', 'publicKey');
	try {
		wechatKeys(c);
	} catch {
		throw new ConfigProblem('badCertificate', 'platformCertificates');
	}
	if (c.baseUrl) checkUrl(c.baseUrl, 'baseUrl');
}

/** Checks an Alipay configuration that is to be enabled; throws ConfigProblem. */
export function checkAlipay(c: AlipayConfig): void {
	for (const f of ['appId', 'privateKey'] as const)
		if (!c[f]) throw new ConfigProblem('missing', f);
	let key: KeyObject;
	try {
		key = privateKeyOf(c.privateKey);
	} catch {
		throw new ConfigProblem('badKey', 'privateKey');
	}
	if (c.appCert || c.alipayCert || c.rootCert) {
		for (const f of ['appCert', 'alipayCert', 'rootCert'] as const)
			if (!c[f]) throw new ConfigProblem('missing', f);
		try {
			certSn(c.appCert);
			new X509Certificate(c.alipayCert);
			if (!rootCertSn(c.rootCert)) throw new Error('no RSA root');
		} catch {
			throw new ConfigProblem('badCertificate', 'appCert');
		}
		// The application certificate must hold the public half of our private key.
		const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
		const fromCert = new X509Certificate(c.appCert).publicKey.export({
			type: 'spki',
			format: 'der'
		});
		if (!fromKey.equals(fromCert)) throw new ConfigProblem('keyCertMismatch', 'appCert');
	} else if (!c.alipayPublicKey) {
		throw new ConfigProblem('missing', 'alipayPublicKey');
	} else {
		try {
			publicKeyOf(c.alipayPublicKey);
		} catch {
			throw new ConfigProblem('badKey', 'alipayPublicKey');
		}
	}
	if (c.gateway) checkUrl(c.gateway, 'gateway');
}

function checkUrl(url: string, field: string): void {
	if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
		throw new ConfigProblem('badUrl', field);
}

function wechatKeys(c: WechatConfig): Map<string, KeyObject> {
	return verificationKeys({
		platformCertificates: c.platformCertificates.flatMap((p) => pemCertificates(p)),
		publicKeys: c.publicKeyId && c.publicKey ? [{ id: c.publicKeyId, pem: c.publicKey }] : []
	});
}

/** The serial to send for an uploaded merchant certificate (apiclient_cert.pem). */
export function merchantSerial(certificatePem: string): string {
	return certificateSerial(certificatePem);
}

/** Builds the enabled real providers from a configuration (already checked). */
export function buildProviders(
	config: PaymentsConfig,
	o: { clock: Clock; publicUrl?: string; fetch?: typeof fetch }
): PaymentProvider[] {
	const notify = (name: string) =>
		o.publicUrl?.startsWith('https://')
			? `${o.publicUrl.replace(/\/$/, '')}/api/payments/notify/${name}`
			: undefined;
	const providers: PaymentProvider[] = [];
	const w = config.wechat;
	if (w.enabled) {
		providers.push(
			new WechatProvider({
				clock: o.clock,
				mchid: w.mchid,
				appid: w.appid,
				serialNo: w.serialNo,
				privateKey: w.privateKey,
				apiV3Key: w.apiV3Key,
				verifyKeys: wechatKeys(w),
				notifyUrl: notify('wechat'),
				baseUrl: w.baseUrl || undefined,
				fetch: o.fetch
			})
		);
	}
	const a = config.alipay;
	if (a.enabled) {
		const certMode = Boolean(a.appCert);
		providers.push(
			new AlipayProvider({
				clock: o.clock,
				appId: a.appId,
				privateKey: privateKeyOf(a.privateKey),
				alipayPublicKey: publicKeyOf(certMode ? a.alipayCert : a.alipayPublicKey),
				certSn: certMode ? { app: certSn(a.appCert), root: rootCertSn(a.rootCert) } : undefined,
				sellerId: a.sellerId || undefined,
				notifyUrl: notify('alipay'),
				gateway: a.gateway || undefined,
				fetch: o.fetch
			})
		);
	}
	return providers;
}
