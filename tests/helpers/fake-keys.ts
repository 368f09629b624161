/**
 * Keys and certificates made fresh for each test run (nothing secret is checked in): RSA keys
 * from node:crypto, X.509 certificates from the openssl CLI (node:crypto cannot issue them).
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
	privateKey: string;
	publicKey: string;
}

export function rsaKeys(): KeyPair {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
		publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string
	};
}

/** A key and a self-signed certificate with a 40-hex serial (as WeChat's), valid for a day. */
export function certificate(subject = '/C=CN/O=Foyer Test/CN=Foyer Test'): KeyPair & {
	cert: string;
	serial: string;
} {
	const dir = mkdtempSync(join(tmpdir(), 'foyer-cert-'));
	const serial = randomBytes(20)
		.toString('hex')
		.toUpperCase()
		.replace(/^[0-7]/, '1');
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
				'-days',
				'1',
				'-subj',
				subject,
				'-set_serial',
				`0x${serial}`
			],
			{ stdio: 'ignore' }
		);
		const privateKey = readFileSync(join(dir, 'key.pem'), 'utf8');
		const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
		const publicKey = execFileSync('openssl', ['x509', '-pubkey', '-noout'], {
			input: cert
		}).toString();
		return { privateKey, publicKey, cert, serial };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
