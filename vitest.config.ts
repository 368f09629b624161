import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) };

/**
 * Integration files that run alone, after the rest: one holds the server to a wall-clock bound
 * (an honest log-in within 1 s under a flood), one restarts and SIGKILLs servers ten times
 * within its own 90 s limit. Beside another file on two cores they would measure that file.
 */
const alone = [
	'tests/integration/login-limits.test.ts',
	'tests/integration/store-durability.test.ts'
];

const integration = {
	environment: 'node' as const,
	// Each file boots real servers; scrypt at OWASP strength is slow on purpose.
	testTimeout: 60_000,
	hookTimeout: 120_000
};

export default defineConfig({
	resolve: { alias },
	test: {
		// Two files at a time. Vitest's own default is one fewer than the cores (outside watch
		// mode): on CI's 2 cores that is ONE file at a time, each integration file mostly waiting
		// on its servers (unit + integration 508 → 410 s here; docs/testing.md).
		maxWorkers: 2,
		projects: [
			{
				resolve: { alias },
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node',
					sequence: { groupOrder: 0 }
				}
			},
			{
				resolve: { alias },
				test: {
					// Files run side by side (two at a time on two cores): each boots its own servers on
					// random ports with temporary data folders, and none sets process.env or a global
					// clock, so they share nothing; much of their time is spent waiting on a server.
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					exclude: alone,
					...integration,
					sequence: { groupOrder: 0 }
				}
			},
			{
				resolve: { alias },
				test: {
					// After everything else (groupOrder 1), one file at a time.
					name: 'integration-alone',
					include: alone,
					...integration,
					fileParallelism: false,
					sequence: { groupOrder: 1 }
				}
			}
		]
	}
});
