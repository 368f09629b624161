import { deskSession, expect, gotoReady, test } from './fixtures';

test('a new wall screen shows a pairing code, staff approve it at the desk, and it follows its board', async ({
	browser,
	page
}) => {
	const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const wall = await ctx.newPage();
	await gotoReady(wall, '/pair');
	const code = (await wall.getByTestId('pairing-code').innerText()).trim();
	expect(code).toMatch(/^\d{6}$/);

	await deskSession(page);
	await gotoReady(page, '/desk/devices');
	const pending = page.getByTestId(`pending-${code}`);
	await pending.getByLabel('名称').fill('大堂叫号屏');
	await pending.getByLabel('位置').fill('一楼大堂');
	await pending.getByLabel('看板').selectOption('queue');
	await pending.getByRole('button', { name: '批准' }).click();
	await expect(page.getByRole('status')).toHaveText('屏幕“大堂叫号屏”已连接');

	// The screen goes to its board by itself, and shows up as online at the desk.
	await expect(wall).toHaveURL(/\/display\/queue$/);
	await page.reload();
	const row = page.getByTestId('screen-大堂叫号屏');
	await expect(row).toContainText('在线');

	// Staff switch it to the notices board: it follows without anyone touching it.
	await row.getByLabel('看板').selectOption('notices');
	await row.getByRole('button', { name: '保存' }).click();
	await expect(wall).toHaveURL(/\/display\/notices$/);

	// A remote reload: a mark in the page's memory disappears.
	await wall.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
	const reloaded = wall.waitForEvent('load');
	await page.getByTestId('screen-大堂叫号屏').getByRole('button', { name: '刷新屏幕' }).click();
	await reloaded;
	expect(
		await wall.evaluate(() => (window as unknown as { mark?: number }).mark ?? null)
	).toBeNull();
	await expect(wall).toHaveURL(/\/display\/notices$/);

	// After a restart of the PC (a new page, same browser profile) it still knows its board.
	const again = await ctx.newPage();
	await gotoReady(again, '/pair');
	await expect(again).toHaveURL(/\/display\/notices$/);
	await ctx.close();
});

test('a rejected screen is told so and can ask again', async ({ browser, page }) => {
	const ctx = await browser.newContext();
	const wall = await ctx.newPage();
	await gotoReady(wall, '/pair');
	const code = (await wall.getByTestId('pairing-code').innerText()).trim();
	await deskSession(page);
	await gotoReady(page, '/desk/devices');
	await page.getByTestId(`pending-${code}`).getByRole('button', { name: '拒绝' }).click();
	await expect(page.getByTestId(`pending-${code}`)).toHaveCount(0);
	await expect(wall.getByText('此屏幕未获批准。请联系管理员。')).toBeVisible();
	await wall.getByRole('button', { name: '重新配对' }).click();
	await expect(wall.getByTestId('pairing-code')).toHaveText(/^\d{6}$/);
	expect((await wall.getByTestId('pairing-code').innerText()).trim()).not.toBe(code);
	await ctx.close();
});
