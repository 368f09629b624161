import { deskSession, expect, gotoReady, test } from './fixtures';

/** Markup a resident might type: it must show as text on every screen and never run. */
const MARKUP = '<img src=x onerror="window.__pwned=1"><b>水管</b>爆了';

test('a report at the kiosk reaches the lobby board and the desk live, and markup stays inert', async ({
	page,
	browser
}) => {
	const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await gotoReady(board, '/display/workorders');
	const desk = await browser.newPage({ viewport: { width: 1366, height: 900 } });
	await deskSession(desk);
	await gotoReady(desk, '/desk/workorders');

	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByTestId('tile-report').click();
	await page.locator('[data-testid=report-category][data-category=repair]').click();
	await page.locator('[data-testid=report-area][data-area=lobby]').click();
	await page.locator('[data-testid=report-chip][data-chip=leak]').click();
	await page.getByTestId('report-text').fill(MARKUP);
	await page.getByTestId('report-submit').click();
	const number = (await page.getByTestId('report-number').textContent())!.replace('-', '');
	expect(number).toMatch(/^\d{9}$/);
	await page.screenshot({ path: test.info().outputPath('kiosk-report-done.png') });

	// The lobby board: the request with its place, never the resident's words.
	const row = board.locator(`[data-testid=order][data-number="${number}"]`);
	await expect(row).toBeVisible();
	await expect(row).toContainText('大堂');
	await expect(row).toContainText('漏水');
	await expect(board.getByText('水管')).toHaveCount(0);

	// The desk hears of it without a reload, and shows the text as text.
	const deskRow = desk.locator(`[data-testid=wo-row][data-number="${number}"]`);
	await expect(deskRow).toBeVisible();
	await deskRow.getByRole('link').click();
	await expect(desk.getByTestId('wo-text')).toHaveText(MARKUP);
	await expect(desk.locator('[data-testid=wo-text] img, [data-testid=wo-text] b')).toHaveCount(0);

	// Accepting it moves the board on.
	await desk.getByTestId('act-accept').click();
	await expect(desk.getByTestId('wo-done')).toBeVisible();
	await expect(row).toContainText('已受理');
	await board.screenshot({ path: test.info().outputPath('board-workorders.png') });

	for (const p of [page, board, desk]) {
		expect(await p.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	}
	await board.close();
	await desk.close();
});
