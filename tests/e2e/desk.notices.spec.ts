import { clearNotice, deskSession, expect, gotoReady, test } from './fixtures';

test('a notice published over the desk’s live connection reaches a display, and an empty one is refused in words', async ({
	page,
	browser
}) => {
	const board = await browser.newPage();
	await gotoReady(board, '/display/notices');

	await deskSession(page);
	await gotoReady(page, '/desk/notices');
	// The page publishes over its socket once connected (else it posts the form).
	const form = page.locator('form[data-connection="online"]');
	await expect(form).toBeVisible();

	await page.getByLabel(/标题|Title/).fill('');
	await page.getByRole('button', { name: /发布|Publish/ }).click();
	await expect(form.getByRole('alert')).toBeVisible();

	const title = `实时连接发布 ${Date.now()}`;
	await page.getByLabel(/标题|Title/).fill(title);
	await page.getByRole('button', { name: /发布|Publish/ }).click();
	await expect(page.getByRole('status')).toContainText('公告已发布');
	await expect(board.getByText(title)).toBeVisible();
	// The list of live notices shows it, and the form is ready for the next one.
	await expect(page.locator('form.row', { hasText: title })).toBeVisible();
	await expect(page.getByLabel(/标题|Title/)).toHaveValue('');
	await clearNotice(page, title);
	await expect(board.getByText(title)).toHaveCount(0);
});
