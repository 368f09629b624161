import type { Locator, Page } from '@playwright/test';
import { clearNotice, deskSession, expect, publishNotice, test } from './fixtures';
import { identify, key, resident, start, toEnglish } from './kiosk-walk';

/**
 * Every kiosk step fits one 1080×1920 screen in both languages with the urgent banner showing:
 * its primary action and its messages lie wholly inside the viewport, no scrolling needed.
 * Each step is also saved as a screenshot next to the test's output.
 */

const BANNER = '今晚 22:00 至 24:00 停水检修，请提前储水';

/** The element is wholly on screen (not cut by the viewport, not scrolled out of it). */
async function inView(page: Page, target: Locator, what: string) {
	await expect(target, what).toBeVisible();
	const box = (await target.boundingBox())!;
	const { width, height } = page.viewportSize()!;
	expect(box.y, `${what}: top on screen`).toBeGreaterThanOrEqual(0);
	expect(box.x, `${what}: left on screen`).toBeGreaterThanOrEqual(0);
	expect(box.y + box.height, `${what}: bottom on screen`).toBeLessThanOrEqual(height);
	expect(box.x + box.width, `${what}: right on screen`).toBeLessThanOrEqual(width);
	// Not under the footer either: the footer's top is the screen's usable bottom.
	const footer = await page.locator('.kiosk > footer').boundingBox();
	if (footer)
		expect(box.y + box.height, `${what}: above the footer`).toBeLessThanOrEqual(footer.y + 1);
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

const confirm = (page: Page) => page.getByRole('button', { name: /^(确认|Confirm)$/ });
const alert = (page: Page) => page.locator('main [role=alert]').first();

let deskPage: Page;
test.beforeAll(async ({ browser }) => {
	deskPage = await browser.newPage({ viewport: { width: 1366, height: 900 } });
	await deskSession(deskPage);
	await publishNotice(deskPage, BANNER, 'urgent');
});
test.afterAll(async () => {
	await clearNotice(deskPage, BANNER);
	await deskPage.close();
});

for (const lang of ['zh', 'en'] as const) {
	test.describe(`at 1080×1920 in ${lang === 'zh' ? 'Chinese' : 'English'} with the urgent banner`, () => {
		async function open(page: Page) {
			await start(page);
			await expect(page.locator('.banner')).toContainText(BANNER);
			if (lang === 'en') await toEnglish(page);
		}

		test('home, the ticket services, the unit keypad and its error, and the slip fit', async ({
			page
		}) => {
			await open(page);
			await inView(page, page.getByTestId('tile-help'), 'home: last tile');
			await shot(page, `${lang}-home`);
			await page.getByTestId('tile-ticket').click();
			const services = page.locator('.service-tile');
			await inView(page, services.last(), 'ticket: last service');
			await shot(page, `${lang}-ticket-services`);
			await services.first().click();
			await inView(page, page.locator('.choice').last(), 'ticket: skip identifying');
			await page.locator('.choice.primary').click();
			await inView(page, page.locator('.identify .choices button').last(), 'identify: buildings');
			await page.locator('.identify .choices button').first().click();
			await page.locator('.identify .choices button').first().click();
			await key(page, '101');
			await inView(page, confirm(page), 'identify: tail keypad confirm');
			await key(page, '0000');
			await inView(page, alert(page), 'identify: wrong tail message');
			await inView(page, confirm(page), 'identify: confirm under the message');
			await shot(page, `${lang}-identify-error`);
			const who = resident('1-1-101');
			await key(page, who.phone.slice(-4));
			await inView(page, page.getByTestId('done'), 'slip: done');
			await inView(page, page.locator('.take'), 'slip: take your slip');
			await shot(page, `${lang}-ticket-slip`);
		});

		test('paying: the bills, the QR with its countdown, and cancelling fit', async ({ page }) => {
			await open(page);
			await page.getByTestId('tile-pay').click();
			await identify(page, '5-2-1002', resident('5-2-1002').phone.slice(-4));
			await inView(page, page.getByTestId('pay-now'), 'bills: pay');
			await shot(page, `${lang}-pay-bills`);
			await page.getByTestId('pay-now').click();
			await inView(page, page.getByTestId('countdown'), 'QR: countdown');
			await inView(page, page.getByRole('button', { name: /取消支付|Cancel/ }), 'QR: cancel');
			await shot(page, `${lang}-pay-qr`);
			await page.getByRole('button', { name: /取消支付|Cancel/ }).click();
			await inView(page, page.getByTestId('ended'), 'cancelled: message');
			await inView(page, page.getByTestId('done'), 'cancelled: done');
			await shot(page, `${lang}-pay-cancelled`);
		});

		test('reporting: types, places, the form, and the result fit', async ({ page }) => {
			await open(page);
			await page.getByTestId('tile-report').click();
			await inView(page, page.getByTestId('report-category').last(), 'report: last type');
			await shot(page, `${lang}-report-category`);
			await page.locator('[data-testid=report-category][data-category=repair]').click();
			await inView(page, page.getByTestId('report-area').last(), 'report: last area');
			await shot(page, `${lang}-report-where`);
			await page.getByTestId('report-area').first().click();
			await page.getByTestId('report-submit').click();
			await inView(page, page.getByTestId('report-problem'), 'report: empty form message');
			await inView(page, page.getByTestId('report-submit'), 'report: submit');
			await shot(page, `${lang}-report-what`);
			await page.getByTestId('report-chip').first().click();
			await page.getByTestId('report-submit').click();
			await inView(page, page.getByTestId('report-done'), 'report: done');
			await inView(page, page.getByTestId('report-expect'), 'report: expected response');
			await shot(page, `${lang}-report-done`);
		});

		test('tracking and meeting check-in: keypads full size, errors above them', async ({
			page
		}) => {
			await open(page);
			await page.getByTestId('tile-track').click();
			const keys = page.locator('.keys button');
			await inView(page, confirm(page), 'track: confirm');
			expect((await keys.first().boundingBox())!.height).toBeGreaterThanOrEqual(140);
			await key(page, '123');
			await inView(page, page.getByTestId('track-problem'), 'track: number message');
			await inView(page, confirm(page), 'track: confirm under the message');
			await shot(page, `${lang}-track-number`);
			await page.getByTestId('home').click();
			await page.getByTestId('tile-checkin').click();
			await key(page, '000000');
			await inView(page, page.getByTestId('checkin-problem'), 'check-in: message');
			await inView(page, confirm(page), 'check-in: confirm');
			await shot(page, `${lang}-checkin`);
		});
	});
}
