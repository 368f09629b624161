import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './scripts/chromium.js';

/**
 * Browser tests drive Debian's Chromium headless shell (scripts/chromium.js; Playwright cannot
 * download its own browser here). The flags keep it from reaching out to the network, which is
 * closed on this machine.
 */
const chromium = chromiumPath();
const launchOptions = chromium
	? {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	: {};

/**
 * Each worker starts a Foyer server of its own, with a fresh seeded data folder, from the `test`
 * in tests/e2e/fixtures.ts (which also sets `baseURL`): there is no shared `webServer`, and the
 * build must exist (`npm test` builds first). Two workers by default, for the two cores CI has:
 * they keep both busy (1.84 cores measured), and a third was slower (docs/testing.md).
 * E2E_WORKERS=1 runs them one at a time.
 */
const workers = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		launchOptions,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			// Every surface at its own size: the spec sets the viewport per screen. First: its
			// tests are the longest, and the other projects' files fill in beside them.
			name: 'a11y',
			testMatch: /a11y\.spec\.ts/,
			use: { ...devices['Desktop Chrome'] }
		},
		{
			name: 'kiosk',
			testMatch: /kiosk\..*spec\.ts/,
			use: { ...devices['Desktop Chrome'], viewport: { width: 1080, height: 1920 }, hasTouch: true }
		},
		{
			name: 'display',
			testMatch: /display\..*spec\.ts/,
			use: { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 } }
		},
		{
			name: 'desk',
			testMatch: /desk\..*spec\.ts/,
			use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 } }
		}
	]
});
