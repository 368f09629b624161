import { watchCsp } from './csp';
import { deskLogin, expect, gotoReady, test } from './fixtures';

test('the kiosk, the phone pages, the boards and the desk work under the CSP without a violation', async ({
	page,
	browser
}) => {
	const kioskViolations = await watchCsp(page.context());

	// The kiosk: a ticket (its QR is a data: image from the server), then a report handed to
	// the phone (QR codes drawn by the server, GET /api/qr) and one filed here, with its tracking QR.
	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByRole('button', { name: /取号排队/ }).click();
	await page.getByRole('button', { name: /咨询/ }).click();
	await page.getByRole('button', { name: '跳过，直接取号' }).click();
	const slip = page.getByTestId('ticket');
	await expect(slip.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
	const ticketUrl = (await slip.getAttribute('data-track'))!;
	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByTestId('tile-report').click();
	await page.locator('[data-testid=report-category][data-category=cleaning]').click();
	await page.locator('[data-testid=report-area][data-area=lobby]').click();
	await page.getByTestId('report-phone').click();
	const handoffQr = page.getByTestId('report-handoff').locator('img');
	await expect(handoffQr).toHaveAttribute('src', /^\/api\/qr\?data=/);
	await expect
		.poll(() => handoffQr.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);
	const handoffUrl = (await handoffQr.getAttribute('data-qr'))!;
	await page.getByRole('button', { name: '改为在这里填写' }).click();
	await page.locator('[data-testid=report-chip]').first().click();
	await page.getByTestId('report-submit').click();
	const reportQr = page.getByTestId('report-result').locator('img');
	await expect(reportQr).toHaveAttribute('src', /^\/api\/qr\?data=/);
	await expect
		.poll(() => reportQr.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);
	const trackUrl = (await reportQr.getAttribute('data-qr'))!;

	// The phone pages those QR codes lead to, and following a request by number.
	const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const phoneViolations = await watchCsp(phoneCtx);
	const phone = await phoneCtx.newPage();
	await gotoReady(phone, ticketUrl);
	await expect(phone.getByTestId('status')).toHaveText('等候中');
	for (const url of [trackUrl, handoffUrl, '/track']) {
		await gotoReady(phone, url);
		await expect(phone.locator('main, body').first()).toBeVisible();
	}

	// The boards: each connects over Socket.IO (a WebSocket to 'self') and shows live data.
	const wallCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const wallViolations = await watchCsp(wallCtx);
	const wall = await wallCtx.newPage();
	for (const board of ['queue', 'notices', 'workorders', 'rooms', 'room']) {
		await gotoReady(wall, `/display/${board}`);
		await expect(wall.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');
	}

	// The desk: log in, then the pages with the most on them (style attributes, live reloads).
	const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const deskViolations = await watchCsp(deskCtx);
	const desk = await deskCtx.newPage();
	await deskLogin(desk);
	for (const path of [
		'/desk/queue',
		'/desk/workorders',
		'/desk/rooms',
		'/desk/devices',
		'/desk/fees'
	]) {
		await gotoReady(desk, path);
	}

	expect([...kioskViolations, ...phoneViolations, ...wallViolations, ...deskViolations]).toEqual(
		[]
	);
	await Promise.all([phoneCtx.close(), wallCtx.close(), deskCtx.close()]);
});
