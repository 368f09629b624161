import { expect, gotoReady, test } from './fixtures';

test.describe('kiosk shell', () => {
	test('starts on the attract screen in Chinese and every touch target is at least 48 px', async ({
		page
	}) => {
		await gotoReady(page, '/kiosk');
		await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'attract');
		await expect(page.getByText('请触摸屏幕开始')).toBeVisible();
		await page.getByText('请触摸屏幕开始').click();
		await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'home');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('欢迎光临');

		for (const button of await page.getByRole('button').all()) {
			if (!(await button.isVisible())) continue;
			const box = (await button.boundingBox())!;
			expect(box.width, await button.innerText()).toBeGreaterThanOrEqual(48);
			expect(box.height, await button.innerText()).toBeGreaterThanOrEqual(48);
		}
	});

	test('switches to English and back on every screen', async ({ page }) => {
		await gotoReady(page, '/kiosk');
		await page.getByText('请触摸屏幕开始').click();
		await page.getByTestId('lang').click();
		await expect(page.getByText('What would you like to do?')).toBeVisible();
		await page.getByRole('button', { name: /Notices/ }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notices');
		await page.getByTestId('lang').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('通知公告');
	});

	test('after idle, warns with a countdown of at least 20 s; a touch dismisses it; then the kiosk resets', async ({
		page
	}) => {
		await page.clock.install();
		await gotoReady(page, '/kiosk');
		const historyLength = await page.evaluate(() => history.length);
		await page.getByText('请触摸屏幕开始').click();
		await page.getByTestId('lang').click();
		await page.getByRole('button', { name: /Notices/ }).click();

		await page.clock.fastForward(61_000);
		const warning = page.getByTestId('idle-warning');
		await expect(warning).toBeVisible();
		const seconds = Number(await warning.locator('.count').innerText());
		expect(seconds).toBeGreaterThanOrEqual(20);

		// A touch anywhere dismisses it and the visit goes on where it was.
		await page.mouse.click(540, 300);
		await expect(warning).toHaveCount(0);
		await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'notices');

		// Left alone again: warning, countdown to zero, reset.
		await page.clock.fastForward(61_000);
		await expect(warning).toBeVisible();
		await page.clock.fastForward(31_000);
		await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'attract');
		await expect(page.getByText('请触摸屏幕开始')).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
		// Nothing to go Back to: the visit never added history entries.
		expect(await page.evaluate(() => history.length)).toBe(historyLength);
	});
});
