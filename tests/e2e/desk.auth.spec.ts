import { deskLogin, expect, gotoReady, test } from './fixtures';

test('a wrong password is refused with a translated message, in Chinese and English', async ({
	page
}) => {
	await page.goto('/desk');
	await expect(page).toHaveURL(/\/desk\/login/);
	// Typing before hydration is wiped by it (the username field is bound to the form's answer).
	await page.locator('html[data-ready]').waitFor();
	await page.getByLabel('用户名').fill('admin');
	await page.getByLabel('密码').fill('not the password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');

	await page.getByTestId('lang').click();
	await page.getByLabel('Username').fill('admin');
	await page.getByLabel('Password').fill('still not it');
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong username or password');
	await page.getByTestId('lang').click();
	await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});

test('an admin creates a cashier, who sees only what a cashier may open', async ({
	browser,
	page
}) => {
	await deskLogin(page);
	await page.getByRole('link', { name: '员工账号' }).click();
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel('用户名').fill('cashier9');
	await create.getByLabel('姓名').fill('收银 周敏');
	await create.getByLabel('收银员').check();
	await create.getByLabel('密码').fill('short');
	await create.getByRole('button', { name: '创建' }).click();
	await expect(create.getByRole('alert')).toHaveText('密码至少 10 个字符');
	await create.getByLabel('密码').fill('cashier9-password');
	await create.getByRole('button', { name: '创建' }).click();
	await expect(create.getByRole('status')).toHaveText('账号 cashier9 已创建');
	await expect(page.locator('td', { hasText: 'cashier9' })).toBeVisible();

	const ctx = await browser.newContext();
	const cashier = await ctx.newPage();
	await deskLogin(cashier, 'cashier9', 'cashier9-password');
	// A cashier lands on 收费, where the work is; the desk's home still greets them.
	await expect(cashier).toHaveURL(/\/desk\/fees$/);
	await gotoReady(cashier, '/desk');
	await expect(cashier.getByRole('heading', { level: 1 })).toHaveText('您好，收银 周敏');
	await expect(cashier.locator('nav a')).toHaveText([
		'概览',
		'叫号',
		'收费',
		'账单与欠费',
		'日结',
		'打印机'
	]);
	const res = await cashier.goto('/desk/staff');
	expect(res?.status()).toBe(403);
	await ctx.close();
});

test('logging out ends the session and its live connection', async ({ page }) => {
	await deskLogin(page);
	await expect(page.getByTestId('live')).toContainText(/在线屏幕：\d+/);
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/desk\/login$/);
	await page.goto('/desk/notices');
	await expect(page).toHaveURL(/\/desk\/login\?next=%2Fdesk%2Fnotices/);
});
