import { expect, type Page } from '@playwright/test';

export const ADMIN_PASSWORD = 'e2e-admin-password-1';

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
