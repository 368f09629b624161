import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateSerial } from '../../src/lib/server/payments/wechat-crypto';
import type { FakeAlipay } from './fake-alipay';
import type { FakeWechat } from './fake-wechat';

/**
 * Writes both providers' configuration (pointing at their fakes) into a data folder, as the desk
 * saves it (secrets/payments.json, 0600 in a 0700 folder), before the server's first start.
 * No test runner imports here: the browser tests and the bench use it too.
 */
export function writeProvidersConfig(dataDir: string, wechat: FakeWechat, alipay: FakeAlipay) {
	const { merchantCertificate, ...w } = wechat.config();
	mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
	writeFileSync(
		join(dataDir, 'secrets', 'payments.json'),
		JSON.stringify({
			wechat: { ...w, serialNo: certificateSerial(merchantCertificate) },
			alipay: alipay.config()
		}),
		{ mode: 0o600 }
	);
}
