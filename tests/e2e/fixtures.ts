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
/** This worker's server address (each worker is a process of its own, with this module). */
let workerServerUrl = '';

export const test = base.extend<object, { foyer: E2EServer }>({
	foyer: [
		// Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use, workerInfo) => {
			const from = process.env.E2E_PORT;
			const port = from ? Number(from) + workerInfo.parallelIndex : 0;
			const server = await startServer({ env: { ADMIN_PASSWORD, PORT: String(port) } });
			process.env.E2E_DATA_DIR = server.dataDir;
			workerServerUrl = server.url;
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

/** This worker's server origin, for the `Origin` header of a request a test sends itself. */
export function serverOrigin(): string {
	return workerServerUrl;
}

/**
 * Logs `page`'s browser context in through the server's own log-in API (`POST /api/session`, as
 * a program would): the `foyer_session` cookie lands in the context and the page stays where it
 * is, so open a desk page next. It saves the log-in page's load, hydration, form and redirect
 * that `deskLogin` costs; the form itself is tested by `desk.auth.spec.ts` (and the a11y and
 * CSP specs, which look at the log-in page). `server`: a spec's own server, not the worker's.
 */
export async function deskSession(
	page: Page,
	username = 'admin',
	password = ADMIN_PASSWORD,
	server = workerServerUrl
) {
	const res = await page.request.post(`${server}/api/session`, {
		data: { username, password },
		headers: { origin: server }
	});
	expect(res.status(), await res.text()).toBe(200);
}

/** Publishes a notice from the desk's notices page. */
export async function publishNotice(page: Page, title: string, level = 'normal', body = '') {
	await gotoReady(page, '/desk/notices');
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

const SITE_TZ = 'Asia/Shanghai';
/** YYYY-MM-DD and HH:MM of an instant in the demo site's time zone. */
function siteLocal(at: Date): { day: string; time: string } {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TZ }).format(at);
	const time = new Intl.DateTimeFormat('en-GB', {
		timeZone: SITE_TZ,
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(at);
	return { day, time };
}

/**
 * A meeting starting in three minutes and lasting `minutes` (cut at 23:59), within one local
 * day, as the desk's booking form takes it. In the last minutes before the site's midnight it
 * waits for the next day, and the test is given that wait on top of its own time.
 */
export async function meetingSoon(
	minutes: number
): Promise<{ day: string; start: string; end: string }> {
	if (siteLocal(new Date()).time >= '23:55') {
		test.info().setTimeout(test.info().timeout + 6 * 60_000);
		await expect
			.poll(() => siteLocal(new Date()).time < '23:55', { timeout: 6 * 60_000 })
			.toBe(true);
	}
	const start = siteLocal(new Date(Date.now() + 3 * 60_000));
	const later = siteLocal(new Date(Date.now() + (3 + minutes) * 60_000));
	return { day: start.day, start: start.time, end: later.day === start.day ? later.time : '23:59' };
}
