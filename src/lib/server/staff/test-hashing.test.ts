import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashCost, hashPassword, verifyPassword } from './password';
import { testHashingFromEnv } from './test-hashing';

// The switch is for the whole process, so the tests that must leave the strong cost in place
// come first and the one that turns the test cost on comes last.
let temp: string;
beforeAll(async () => {
	temp = await mkdtemp(join(tmpdir(), 'foyer-test-hashing-'));
});
afterAll(async () => {
	await rm(temp, { recursive: true, force: true });
});

describe('test password hashing (FOYER_TEST_FAST_HASH)', () => {
	it('stays off, silently, when the variable is not set', () => {
		expect(testHashingFromEnv({}, temp)).toEqual([]);
		expect(hashCost().N).toBe(2 ** 17);
	});

	it('is ignored, saying so, for a data folder outside the temp folder (a real site)', () => {
		// The file system's root: never inside the temp folder (the checkout itself may be, as a
		// CI clone in /tmp is).
		const notes = testHashingFromEnv({ FOYER_TEST_FAST_HASH: '1' }, parse(tmpdir()).root);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatch(/FOYER_TEST_FAST_HASH ignored: the data folder .* is not inside/);
		expect(hashCost().N).toBe(2 ** 17);
	});

	it('is ignored for data in PostgreSQL, and for a value other than 1', () => {
		expect(
			testHashingFromEnv({ FOYER_TEST_FAST_HASH: '1', DATABASE_URL: 'postgres://x/y' }, temp)
		).toEqual(['FOYER_TEST_FAST_HASH ignored: the data is in PostgreSQL (DATABASE_URL).']);
		expect(testHashingFromEnv({ FOYER_TEST_FAST_HASH: 'yes' }, temp)[0]).toMatch(/ignored/);
		expect(testHashingFromEnv({ FOYER_TEST_FAST_HASH: '1' }, tmpdir())[0]).toMatch(/ignored/);
		expect(hashCost().N).toBe(2 ** 17);
	});

	it('hashes at N=2^10 for a temp data folder, with a warning; a stored hash verifies at its own cost', async () => {
		// A hash stored at other parameters (N=2^12 here rather than 2^17, which would take seconds
		// on a loaded machine): it is checked at the N written in it, not at the current cost.
		const salt = randomBytes(16);
		const key = scryptSync('old-password-1', salt, 32, { N: 2 ** 12, r: 8, p: 1 });
		const stored = ['scrypt', 2 ** 12, 8, 1, salt.toString('base64'), key.toString('base64')];

		const notes = testHashingFromEnv({ FOYER_TEST_FAST_HASH: '1' }, temp);
		expect(notes).toEqual([
			'WARNING: test password hashing (FOYER_TEST_FAST_HASH=1): new passwords are hashed with scrypt N=1024, for tests only.'
		]);
		const cheap = await hashPassword('new-password-1');
		expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
		expect(await verifyPassword('new-password-1', cheap)).toBe(true);
		expect(await verifyPassword('new-password-2', cheap)).toBe(false);
		expect(await verifyPassword('old-password-1', stored.join('$'))).toBe(true);
		expect(await verifyPassword('old-password-2', stored.join('$'))).toBe(false);
	});
});
