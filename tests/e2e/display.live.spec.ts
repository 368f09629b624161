import { clearNotice, deskSession, expect, publishNotice, test } from './fixtures';

test('a notice published at the desk appears on every open display at once, and an emergency takes them over', async ({
	browser,
	page
}) => {
	// Three wall screens, each its own browser context (as separate PCs would be).
	const screens = await Promise.all(
		[0, 1, 2].map(async (i) => {
			const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
			const p = await ctx.newPage();
			await p.goto(i === 2 ? '/display/notices?lang=en' : '/display/notices');
			await expect(p.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');
			return p;
		})
	);
	await deskSession(page);

	const title = `电梯检修通知 ${Date.now()}`;
	await publishNotice(page, title, 'normal', '3栋电梯周六上午停运');
	for (const s of screens) await expect(s.getByTestId('notice')).toContainText(title);

	await publishNotice(page, '燃气泄漏，请勿使用明火', 'emergency');
	for (const s of screens) {
		await expect(s.getByTestId('emergency')).toContainText('燃气泄漏');
	}
	await expect(screens[2]!.getByTestId('emergency')).toContainText('Emergency');

	await clearNotice(page, '燃气泄漏');
	for (const s of screens) await expect(s.getByTestId('emergency')).toHaveCount(0);
	await clearNotice(page, title);
	for (const s of screens) await expect(s.getByTestId('notice')).toHaveCount(0);
});

test('unknown boards answer 404 in the language of the request', async ({ page }) => {
	const res = await page.goto('/display/nope');
	expect(res?.status()).toBe(404);
	await expect(page.locator('body')).toContainText('没有名为“nope”的看板');
});
