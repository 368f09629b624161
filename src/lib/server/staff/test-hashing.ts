import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { relative, isAbsolute } from 'node:path';
import { TEST_COST, useTestHashCost } from './password';

/** The variable a test harness sets to ask for cheap password hashes (docs/testing.md). */
export const TEST_HASH_VARIABLE = 'FOYER_TEST_FAST_HASH';

/**
 * Whether `dir` lies inside the system's temporary folder (both with symlinks resolved): where
 * the test harness makes its data folders, and where no site keeps its data.
 */
function insideTemp(dir: string): boolean {
	try {
		const rel = relative(realpathSync(tmpdir()), realpathSync(dir));
		return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
	} catch {
		return false;
	}
}

/**
 * Honours `FOYER_TEST_FAST_HASH=1` for a test server, and only for one: new password hashes are
 * then made at TEST_COST (a few ms) instead of OWASP strength. A real site must never end up
 * with weak hashes because somebody copied a test's environment, so the variable is ignored —
 * with a line saying so — unless the data folder is inside the system's temporary folder and
 * the data is in that folder (no DATABASE_URL). Returns the lines to print at start-up: one
 * either way when the variable is set, none when it is not.
 */
export function testHashingFromEnv(env: NodeJS.ProcessEnv, dataDir: string): string[] {
	const asked = env[TEST_HASH_VARIABLE];
	if (!asked) return [];
	if (asked !== '1') return [`${TEST_HASH_VARIABLE}=${asked} ignored: only 1 turns it on.`];
	if (env.DATABASE_URL) {
		return [`${TEST_HASH_VARIABLE} ignored: the data is in PostgreSQL (DATABASE_URL).`];
	}
	if (!insideTemp(dataDir)) {
		return [
			`${TEST_HASH_VARIABLE} ignored: the data folder ${dataDir} is not inside ${tmpdir()}; passwords are hashed at full strength.`
		];
	}
	useTestHashCost();
	return [
		`WARNING: test password hashing (${TEST_HASH_VARIABLE}=1): new passwords are hashed with scrypt N=${TEST_COST.N}, for tests only.`
	];
}
