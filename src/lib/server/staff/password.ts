import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { HashBusyError, HashScheduler, type HashFor } from './hash-scheduler';

export type { HashFor } from './hash-scheduler';

/**
 * Password hashing with scrypt at OWASP's recommended parameters (N=2^17, r=8, p=1: 128 MiB
 * and a few hundred ms per hash). scrypt is memory-hard and built into Node, so no native
 * add-on has to be compiled on the lobby PC. Stored as `scrypt$N$r$p$salt$hash` so the
 * parameters can be raised later without breaking old hashes.
 */
const STRONG = { N: 2 ** 17, r: 8, p: 1 } as const;
/**
 * The test servers' cost (N=2^10: 1 MiB and a few ms per hash), set only through
 * `useTestHashCost` (see test-hashing.ts for who may ask). Every integration file and browser
 * worker boots servers that hash eight demo accounts and log in again and again: at STRONG that
 * was most of their time. Hashes keep their parameters in the stored string, so a hash made at
 * either cost verifies at its own under the other.
 */
export const TEST_COST = { N: 2 ** 10, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

type Params = { readonly N: number; readonly r: number; readonly p: number };
/** The parameters new hashes are made with: STRONG unless this process is a test server. */
let PARAMS: Params = STRONG;

/** How long a hash at PARAMS took lately (a moving average), for `verifyNobody`. */
let typicalMs = 500;

/**
 * Makes new hashes in this process at TEST_COST instead of OWASP strength. For test servers only
 * (test-hashing.ts decides, from an explicit environment variable and a temporary data folder);
 * a password hashed meanwhile is as weak as its parameters, for as long as it is stored.
 */
export function useTestHashCost(): void {
	PARAMS = TEST_COST;
	typicalMs = 5;
}

/** The parameters new hashes are made with now (STRONG, or TEST_COST on a test server). */
export function hashCost(): Params {
	return PARAMS;
}

/**
 * Every hash of the server goes through one scheduler: two at once (the lobby PC has 2 cores and
 * each hash takes 128 MiB), one at a time per account, one running or waiting per client
 * address. A flood of log-ins from one address then holds one slot, never the whole server.
 */
export const hashing = new HashScheduler(2);

/** Runs `work` in a slot of `hashing`, a busy address answered at once with 429. */
function scheduled<T>(work: () => Promise<T>, who: HashFor): Promise<T> {
	try {
		return hashing.run(work, who);
	} catch (e) {
		// The address is still waiting for its last check: answered at once, not queued.
		if (e instanceof HashBusyError) throw new FoyerError('error.hashBusy', {}, 429);
		throw e;
	}
}

function derive(
	password: string,
	salt: Buffer,
	o: { N: number; r: number; p: number },
	who: HashFor
): Promise<Buffer> {
	const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r + 1024 * 1024 };
	return scheduled(
		() =>
			new Promise<Buffer>((resolve, reject) => {
				// Wall time, not the domain clock: this measures the machine, for verifyNobody.
				const started = performance.now();
				scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => {
					if (o.N === PARAMS.N && o.r === PARAMS.r && o.p === PARAMS.p) {
						typicalMs = 0.8 * typicalMs + 0.2 * (performance.now() - started);
					}
					if (err) reject(err);
					else resolve(key);
				});
			}),
		who
	);
}

/** A new hash of `password`, with a salt of its own (16 random bytes). */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, PARAMS, {});
	return [
		'scrypt',
		PARAMS.N,
		PARAMS.r,
		PARAMS.p,
		salt.toString('base64'),
		key.toString('base64')
	].join('$');
}

/**
 * Whether `password` matches `stored`. `who` bounds the work per client address and account (see
 * `hashing`): a second check from an address whose last one is still running or waiting is
 * refused at once with a 429 FoyerError `error.hashBusy`, before anything is hashed.
 */
export async function verifyPassword(
	password: string,
	stored: string,
	who: HashFor = {}
): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await derive(
		password,
		Buffer.from(salt, 'base64'),
		{ N: Number(n), r: Number(r), p: Number(p) },
		who
	);
	return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * The answer for an account that does not exist: no, after about as long as a real check takes
 * lately, so a log-in for an unknown name cannot be told from a wrong password by its time. It
 * waits in a slot of `hashing` like a real check (the same queue, the same one per address) but
 * hashes nothing: junk log-ins for made-up names cost neither a core nor 128 MiB, and those for
 * real names are capped by their account's attempt limit.
 */
export function verifyNobody(who: HashFor = {}): Promise<false> {
	return scheduled(
		() => new Promise<false>((resolve) => setTimeout(() => resolve(false), typicalMs)),
		who
	);
}
