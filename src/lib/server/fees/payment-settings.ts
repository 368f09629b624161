import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import type { ErrorKey, MessageKey } from '$lib/i18n';
import type { Clock } from '$lib/domain/time';
import type { AuditService } from '../audit/audit';
import {
	alipayConfigSchema,
	buildProviders,
	checkAlipay,
	checkWechat,
	ConfigProblem,
	fingerprint,
	merchantSerial,
	wechatConfigSchema,
	type PaymentsConfig,
	type PaymentsConfigFile
} from '../payments/config';
import { ProviderError } from '../payments/provider';
import type { PaymentProviders } from '../payments/registry';

export type RealProvider = 'wechat' | 'alipay';

/** A secret as the desk sees it: whether it is set, and a fingerprint to tell two apart. */
export interface SecretView {
	set: boolean;
	fingerprint: string | null;
}

/** The configuration without one byte of secret: what the desk page shows. */
export interface PaymentsConfigView {
	publicUrl: string | null;
	wechat: {
		enabled: boolean;
		mchid: string;
		appid: string;
		serialNo: string;
		privateKey: SecretView;
		apiV3Key: SecretView;
		platformCertificates: string[];
		publicKeyId: string;
		publicKey: SecretView;
		baseUrl: string;
	};
	alipay: {
		enabled: boolean;
		appId: string;
		sellerId: string;
		privateKey: SecretView;
		alipayPublicKey: SecretView;
		appCert: SecretView;
		alipayCert: SecretView;
		rootCert: SecretView;
		gateway: string;
	};
}

/** The outcome of "test connection", in words for staff. */
export interface ConnectionTest {
	ok: boolean;
	message: MessageKey;
	detail: string;
}

const secret = (s: string): SecretView => ({
	set: s !== '',
	fingerprint: s ? fingerprint(s) : null
});

/**
 * The desk's payment-provider configuration (admins only): enable WeChat Pay / Alipay, upload
 * keys and certificates, test the connection. Saving rebuilds the providers the kiosk offers.
 * The audit log records who changed which provider and which fields, never a value.
 */
export class PaymentSettings {
	#config: PaymentsConfig;

	private constructor(
		config: PaymentsConfig,
		private readonly o: {
			file: PaymentsConfigFile;
			providers: PaymentProviders;
			clock: Clock;
			audit: AuditService;
			publicUrl?: string | undefined;
			fetch?: typeof fetch;
		}
	) {
		this.#config = config;
	}

	/** Loads the configuration and enables what it enables (a broken one is logged, not fatal). */
	static async open(o: PaymentSettings['o'], log?: (m: string, e: unknown) => void) {
		const s = new PaymentSettings(await o.file.load(), o);
		try {
			s.#apply(s.#config);
		} catch (e) {
			log?.('The saved payment configuration could not be used; the sandbox stays on', e);
		}
		return s;
	}

	view(who: Acting): PaymentsConfigView {
		demand(who.roles, 'payments.configure');
		const w = this.#config.wechat;
		const a = this.#config.alipay;
		return {
			publicUrl: this.o.publicUrl?.startsWith('https://') ? this.o.publicUrl : null,
			wechat: {
				enabled: w.enabled,
				mchid: w.mchid,
				appid: w.appid,
				serialNo: w.serialNo,
				privateKey: secret(w.privateKey),
				apiV3Key: secret(w.apiV3Key),
				// Certificates are public; their serials are what staff compare with the merchant platform.
				platformCertificates: w.platformCertificates.map((p) => {
					try {
						return new X509Certificate(p).serialNumber;
					} catch {
						return '?';
					}
				}),
				publicKeyId: w.publicKeyId,
				publicKey: secret(w.publicKey),
				baseUrl: w.baseUrl
			},
			alipay: {
				enabled: a.enabled,
				appId: a.appId,
				sellerId: a.sellerId,
				privateKey: secret(a.privateKey),
				alipayPublicKey: secret(a.alipayPublicKey),
				appCert: secret(a.appCert),
				alipayCert: secret(a.alipayCert),
				rootCert: secret(a.rootCert),
				gateway: a.gateway
			}
		};
	}

	/**
	 * Changes one provider. Empty secret fields keep what is saved; `merchantCertificate`
	 * (WeChat's apiclient_cert.pem) sets the serial and must hold the private key's public half.
	 */
	async save(
		who: Acting,
		provider: RealProvider,
		input: Record<string, unknown>
	): Promise<PaymentsConfigView> {
		demand(who.roles, 'payments.configure');
		const next = structuredClone(this.#config);
		const given = Object.fromEntries(
			Object.entries(input).filter(([, v]) => v !== '' && v !== undefined && v !== null)
		);
		if (provider === 'wechat') {
			const cert = typeof given.merchantCertificate === 'string' ? given.merchantCertificate : null;
			delete given.merchantCertificate;
			const merged = wechatConfigSchema.safeParse({ ...next.wechat, ...given });
			if (!merged.success) throw new FoyerError('error.invalid');
			next.wechat = merged.data;
			if (cert) this.#checkMerchantCertificate(cert, next.wechat.privateKey);
			if (cert) next.wechat.serialNo = merchantSerial(cert);
			if (next.wechat.enabled) this.#check(() => checkWechat(next.wechat));
		} else if (provider === 'alipay') {
			const merged = alipayConfigSchema.safeParse({ ...next.alipay, ...given });
			if (!merged.success) throw new FoyerError('error.invalid');
			next.alipay = merged.data;
			if (next.alipay.enabled) this.#check(() => checkAlipay(next.alipay));
		} else {
			throw new FoyerError('error.paymentsProvider', {}, 404);
		}
		this.#apply(next);
		await this.o.file.save(next);
		this.#config = next;
		await this.o.audit.record(who, 'payments.configured', provider, {
			enabled: next[provider].enabled,
			fields: Object.keys(input)
				.filter((k) => given[k] !== undefined || k === 'enabled')
				.sort()
		});
		return this.view(who);
	}

	/** Signs a harmless query (a made-up order) with the saved configuration. */
	async test(who: Acting, provider: RealProvider): Promise<ConnectionTest> {
		demand(who.roles, 'payments.configure');
		const check = provider === 'wechat' ? checkWechat : provider === 'alipay' ? checkAlipay : null;
		if (!check) throw new FoyerError('error.paymentsProvider', {}, 404);
		const config = { ...this.#config, [provider]: { ...this.#config[provider], enabled: true } };
		this.#check(() => check(config[provider] as never));
		const other: RealProvider = provider === 'wechat' ? 'alipay' : 'wechat';
		const [p] = buildProviders(
			{ ...config, [other]: { ...config[other], enabled: false } } as PaymentsConfig,
			{ clock: this.o.clock, publicUrl: this.o.publicUrl, fetch: this.o.fetch }
		);
		try {
			await p!.testConnection!();
			await this.o.audit.record(who, 'payments.tested', provider, { ok: true });
			return { ok: true, message: 'payments.test.ok', detail: '' };
		} catch (e) {
			if (!(e instanceof ProviderError)) throw e;
			await this.o.audit.record(who, 'payments.tested', provider, { ok: false, code: e.code });
			return { ok: false, message: `payments.test.${e.code}`, detail: e.detail.slice(0, 200) };
		}
	}

	#apply(config: PaymentsConfig): void {
		this.o.providers.setReal(
			buildProviders(config, {
				clock: this.o.clock,
				publicUrl: this.o.publicUrl,
				fetch: this.o.fetch
			})
		);
	}

	#check(run: () => void): void {
		try {
			run();
		} catch (e) {
			if (!(e instanceof ConfigProblem)) throw e;
			const key = `error.paymentsConfig.${e.problem}` as ErrorKey;
			throw new FoyerError(key, { field: e.field }, 400, e.field);
		}
	}

	#checkMerchantCertificate(cert: string, privateKey: string): void {
		this.#check(() => {
			let x: X509Certificate;
			try {
				x = new X509Certificate(cert);
			} catch {
				throw new ConfigProblem('badCertificate', 'merchantCertificate');
			}
			if (!privateKey) return;
			const a = createPublicKey(createPrivateKey(privateKey)).export({
				type: 'spki',
				format: 'der'
			});
			if (!a.equals(x.publicKey.export({ type: 'spki', format: 'der' })))
				throw new ConfigProblem('keyCertMismatch', 'merchantCertificate');
		});
	}
}
