import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
 * The flags keep it from reaching out to the network, which is closed on this machine.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = existsSync(chromium)
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

const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Every run starts from a fresh, seeded data folder. */
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'foyer-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
export const ADMIN_PASSWORD = 'e2e-admin-password-1';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: BASE_URL,
		launchOptions,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
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
			// Every surface at its own size: the spec sets the viewport per screen.
			name: 'a11y',
			testMatch: /a11y\.spec\.ts/,
			use: { ...devices['Desktop Chrome'] }
		},
		{
			name: 'desk',
			testMatch: /desk\..*spec\.ts/,
			use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 } }
		}
	],
	webServer: {
		command: 'node server.js',
		url: `${BASE_URL}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ADMIN_PASSWORD
		}
	}
});
