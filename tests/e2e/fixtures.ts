import { test as base, expect, type Page } from '@playwright/test';
import { removeDir, startServer } from '../helpers/server';

export const ADMIN_PASSWORD = 'e2e-admin-password-1';

/** The Foyer server a Playwright worker drives: its address and its (seeded) data folder. */
export interface E2EServer {
	url: string;
	dataDir: string;
}

/**
 * Playwright's `test`, with a Foyer server of each worker's own: `node server.js` on the build,
 * a fresh seeded data folder and its own port, so workers run side by side without sharing data.
 * `baseURL` points at it, and `E2E_DATA_DIR` names its data folder (specs read the seeded
 * residents there). Every spec imports `test` and `expect` from here, not from
 * `@playwright/test` (eslint says so): the plain `test` has no server and no `baseURL`.
 *
 * A worker runs the spec files of one project, one after another, on the same server: a spec
 * must not need what another spec did, nor break when another changed seeded data before it.
 * With `E2E_PORT` set, worker n listens on E2E_PORT + n; otherwise on a free port.
 */
export const test = base.extend<object, { foyer: E2EServer }>({
	foyer: [
		// Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use, workerInfo) => {
			const from = process.env.E2E_PORT;
			const port = from ? Number(from) + workerInfo.parallelIndex : 0;
			const server = await startServer({ env: { ADMIN_PASSWORD, PORT: String(port) } });
			process.env.E2E_DATA_DIR = server.dataDir;
			await use({ url: server.url, dataDir: server.dataDir });
			await server.stop();
			await removeDir(server.dataDir);
		},
		{ scope: 'worker', auto: true, timeout: 60_000 }
	],
	baseURL: async ({ foyer }, use) => use(foyer.url)
});

export { expect };

/** Opens a page and waits until it is interactive (hydrated): a click before that is lost. */
export async function gotoReady(page: Page, url: string) {
	await page.goto(url);
	await page.locator('html[data-ready]').waitFor();
}

/** Logs in at the desk through the login form, as a person would (a cashier lands on 收费). */
export async function deskLogin(page: Page, username = 'admin', password = ADMIN_PASSWORD) {
	// Typing before the page is hydrated would be wiped by hydration.
	await gotoReady(page, '/desk/login');
	await page.getByLabel(/用户名|Username/).fill(username);
	await page.getByLabel(/密码|Password/).fill(password);
	await page.getByRole('button', { name: /登录|Log in/ }).click();
	await expect(page).toHaveURL(/\/desk(\/fees)?$/);
}

/** Publishes a notice from the desk's notices page. */
export async function publishNotice(page: Page, title: string, level = 'normal', body = '') {
	await page.goto('/desk/notices');
	await page.getByLabel(/级别|Level/).selectOption(level);
	await page.getByLabel(/标题|Title/).fill(title);
	if (body) await page.getByLabel(/内容|Text/).fill(body);
	await page.getByRole('button', { name: /发布|Publish/ }).click();
	await expect(page.getByRole('status')).toContainText(/公告已发布|on every screen/);
}

/** Takes a notice down from the desk. */
export async function clearNotice(page: Page, title: string) {
	await page.goto('/desk/notices');
	const row = page.locator('form.row', { hasText: title });
	await row.getByRole('button', { name: /撤下|Take down/ }).click();
	await expect(page.locator('form.row', { hasText: title })).toHaveCount(0);
}
