import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Mutex } from '../mutex';

/**
 * Password hashing with scrypt at OWASP's recommended parameters (N=2^17, r=8, p=1: 128 MiB
 * and a few hundred ms per hash). scrypt is memory-hard and built into Node, so no native
 * add-on has to be compiled on the lobby PC. Stored as `scrypt$N$r$p$salt$hash` so the
 * parameters can be raised later without breaking old hashes.
 */
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/**
 * One hash at a time: each takes 128 MiB, so four logins at once would need over 600 MB
 * (measured by the benchmark). A fourth simultaneous login waits about a second instead.
 */
const oneAtATime = new Mutex();

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }) {
	const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r + 1024 * 1024 };
	return oneAtATime.run(
		() =>
			new Promise<Buffer>((resolve, reject) =>
				scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
					err ? reject(err) : resolve(key)
				)
			)
	);
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, PARAMS);
	return [
		'scrypt',
		PARAMS.N,
		PARAMS.r,
		PARAMS.p,
		salt.toString('base64'),
		key.toString('base64')
	].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await derive(password, Buffer.from(salt, 'base64'), {
		N: Number(n),
		r: Number(r),
		p: Number(p)
	});
	return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing anyone knows, verified against when the username does not exist, so
 * that a login for an unknown user takes as long as one for a known user. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(randomBytes(16).toString('hex'));
	return dummy;
}
