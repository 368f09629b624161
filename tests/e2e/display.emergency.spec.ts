import { clearNotice, deskSession, expect, publishNotice, test } from './fixtures';

test('an emergency sent while a screen is offline takes it over as soon as it is back', async ({
	browser,
	page
}) => {
	const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const wall = await ctx.newPage();
	await wall.goto('/display/queue');
	await expect(wall.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');

	// The screen's network goes down.
	await ctx.setOffline(true);
	await expect(wall.getByTestId('connection')).toContainText('离线');

	await deskSession(page);
	await publishNotice(page, '火警：请从安全出口撤离', 'emergency', '请勿乘坐电梯');
	await expect(wall.getByTestId('emergency')).toHaveCount(0);

	// Back online: the snapshot on reconnect carries the emergency.
	await ctx.setOffline(false);
	await expect(wall.getByTestId('emergency')).toContainText('火警：请从安全出口撤离');
	await expect(wall.getByTestId('emergency')).toContainText('请勿乘坐电梯');

	await clearNotice(page, '火警');
	await expect(wall.getByTestId('emergency')).toHaveCount(0);
	await ctx.close();
});
