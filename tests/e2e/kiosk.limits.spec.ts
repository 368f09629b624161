import { expect, gotoReady, test } from './fixtures';

test('a slip printed three times already: the kiosk says so in words instead of printing', async ({
	page
}) => {
	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByTestId('tile-report').click();
	await page.locator('[data-testid=report-category][data-category=greening]').click();
	await page.locator('[data-testid=report-area][data-area=lobby]').click();
	await page.locator('[data-testid=report-chip]').first().click();
	const reported = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/kiosk/report');
	await page.getByTestId('report-submit').click();
	const { order } = (await (await reported).json()) as { order: { id: string; trackUrl: string } };
	await expect(page.getByTestId('report-result')).toBeVisible();

	// The same slip printed three times already (as by a reprint loop).
	const key = order.trackUrl.slice(order.trackUrl.lastIndexOf('/') + 1);
	const origin = new URL(page.url()).origin;
	for (let i = 0; i < 3; i++) {
		const res = await page.request.post(`/api/kiosk/report/${order.id}/print`, {
			data: { key },
			headers: { origin }
		});
		expect(res.status()).toBe(200);
	}

	await page.getByTestId('report-print').click();
	await expect(page.getByRole('alert')).toHaveText(
		'这张回执已打印 3 次，不能再打印。请扫描二维码或记下编号'
	);
	await expect(page.getByTestId('report-printed')).toHaveCount(0);
});
