import type { Page } from '@playwright/test';
import { deskSession, expect, gotoReady, meetingSoon, test } from './fixtures';
import {
	expectAnonymous,
	expectClean,
	identify,
	key,
	resident,
	start,
	toEnglish,
	touchAttract
} from './kiosk-walk';
import { removeDir, startServer, type RunningServer } from '../helpers/server';

/**
 * Every way a kiosk visit can end leaves nothing for the next person: each task is walked to
 * each of its endings, then the next visitor looks at the screen, the page, storage, the
 * address and behind Back for the previous resident's name, unit, bills, phone tail, report
 * text and language.
 */

/** What the identified resident sees of themselves (masked name and unit), to look for later. */
async function identityShown(page: Page): Promise<string[]> {
	const text = (await page.getByTestId('identity').first().innerText()).trim();
	// "您好，周** · 3栋2单元**01" / "Hello, 周** · 3栋2单元**01"
	const [hello, unit] = text.split(' · ');
	const name = hello!.replace(/^.*[，,]\s*/, '');
	return [name, unit!];
}

/** A queue ticket taken after identifying, in English. Returns what must not outlive it. */
async function identifiedTicket(page: Page, unitId: string) {
	const who = resident(unitId);
	await toEnglish(page);
	await page.getByTestId('tile-ticket').click();
	await page.locator('.service-tile').first().click();
	await page.locator('.choice.primary').click();
	await identify(page, unitId, who.phone.slice(-4));
	await expect(page.getByTestId('ticket')).toContainText('Your number');
	return [...(await identityShown(page)), 'Your number', 'Hello'];
}

/** Identifies for 物业缴费 and opens the QR for every unpaid bill; returns the QR and traces. */
async function openQr(page: Page, unitId: string) {
	const who = resident(unitId);
	await page.getByTestId('tile-pay').click();
	await identify(page, unitId, who.phone.slice(-4));
	await expect(page.getByTestId('bill').first()).toBeVisible();
	const traces = await identityShown(page);
	const bill = (await page.getByTestId('bill').first().locator('.amount').innerText()).trim();
	await page.getByTestId('pay-now').click();
	await expect(page.getByTestId('payment')).toHaveAttribute('data-status', 'pending');
	const qr = (await page.locator('[data-testid=payment] img[data-qr]').getAttribute('data-qr'))!;
	const amount = (await page.getByTestId('pay-amount').innerText()).trim();
	return { qr, traces: [...traces, bill, amount] };
}

test('queue ticket: 完成 / Done ends the visit, in English too, and the next visitor is a stranger', async ({
	page
}) => {
	await start(page);
	const historyLength = await page.evaluate(() => history.length);
	const traces = await identifiedTicket(page, '2-1-502');
	// Done is offered with "Another service", but is the ending.
	await expect(page.getByTestId('another')).toBeVisible();
	await page.getByTestId('done').click();
	await expectClean(page, traces, { historyLength });
	await touchAttract(page);
	await expectAnonymous(page);
});

test('queue ticket: 首页 / Home and 返回 / Back end the visit; Back goes one step back first', async ({
	page
}) => {
	await start(page);
	const historyLength = await page.evaluate(() => history.length);
	const traces = await identifiedTicket(page, '2-2-702');
	await page.getByTestId('home').click();
	await expectClean(page, traces, { historyLength, screen: 'home' });
	await expectAnonymous(page);

	// Back, step by step: tail → room → entrance → building → the choice → the services → home.
	await page.getByTestId('tile-ticket').click();
	await page.locator('.service-tile').first().click();
	await page.locator('.choice.primary').click();
	await page.getByRole('button', { name: '2 栋' }).click();
	await page.getByRole('button', { name: '1 单元' }).click();
	await key(page, '502');
	const identifyStep = page.locator('.identify');
	await expect(identifyStep).toHaveAttribute('data-step', 'tail');
	for (const step of ['room', 'entrance', 'building']) {
		await page.getByTestId('back').click();
		await expect(identifyStep).toHaveAttribute('data-step', step);
	}
	await page.getByTestId('back').click();
	await expect(page.locator('.choice.primary')).toBeVisible();
	await page.getByTestId('back').click();
	await expect(page.locator('.service-tile').first()).toBeVisible();
	await page.getByTestId('back').click();
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'home');
});

test('queue ticket: walking away in English ends the visit, from any screen that holds it', async ({
	page
}) => {
	await page.clock.install();
	await start(page);
	const historyLength = await page.evaluate(() => history.length);
	const traces = await identifiedTicket(page, '2-1-501');
	await page.clock.fastForward(61_000);
	await expect(page.getByTestId('idle-warning')).toBeVisible();
	await page.clock.fastForward(31_000);
	await expectClean(page, traces, { historyLength });
	// The home tiles hold no visit, yet walking away from them returns to the attract screen too.
	await touchAttract(page);
	await page.clock.fastForward(92_000);
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'attract');
});

test('pay fees: paid → "Another service" keeps the identification for one more task, then 完成 ends it', async ({
	page,
	browser
}) => {
	await start(page);
	const historyLength = await page.evaluate(() => history.length);
	const { qr, traces } = await openQr(page, '3-1-601');
	const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
	await gotoReady(phone, qr);
	await phone.getByTestId('confirm').click();
	await expect(page.getByTestId('payment')).toHaveAttribute('data-status', 'paid');
	const receipt = (await page.getByText(/收据号 \d{4}-\d{6}/).innerText()).replace('收据号 ', '');
	await phone.close();

	await page.getByTestId('another').click();
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'home');
	// Known still: the ticket goes straight to the unit, and no third task is offered.
	await page.getByTestId('tile-ticket').click();
	await page.locator('.service-tile').first().click();
	await expect(page.getByTestId('ticket')).toContainText('您的号码');
	await expect(page.getByTestId('identity')).toBeVisible();
	await expect(page.getByTestId('another')).toHaveCount(0);
	await page.getByTestId('done').click();
	await expectClean(page, [...traces, receipt, '您的号码'], { historyLength });
	await touchAttract(page);
	await expectAnonymous(page);
});

test('pay fees: a cancelled QR, then 完成; 首页 while a QR shows closes it at the provider', async ({
	page,
	browser
}) => {
	await start(page);
	const historyLength = await page.evaluate(() => history.length);
	let opened = await openQr(page, '3-1-602');
	await page.getByRole('button', { name: '取消支付' }).click();
	await expect(page.getByTestId('payment')).toHaveAttribute('data-status', 'cancelled');
	await page.getByTestId('done').click();
	await expectClean(page, opened.traces, { historyLength });

	await touchAttract(page);
	opened = await openQr(page, '3-1-602');
	await page.getByTestId('home').click();
	await expectClean(page, opened.traces, { historyLength, screen: 'home' });
	const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
	await gotoReady(phone, opened.qr);
	await expect(phone.getByTestId('closed')).toBeVisible();
	await phone.close();
});

test('report about 我家 / my home, then track it: each 完成 leaves no name, unit, text, number or tail', async ({
	page
}) => {
	const unitId = '4-1-301';
	const who = resident(unitId);
	const tail = who.phone.slice(-4);
	const text = '厨房水槽下面的管子一直滴水 TRACE-4711';
	await start(page);
	const historyLength = await page.evaluate(() => history.length);
	await page.getByTestId('tile-report').click();
	await page.locator('[data-testid=report-category][data-category=repair]').click();
	await page.getByTestId('report-home').click();
	await identify(page, unitId, tail);
	await page.getByTestId('report-text').fill(text);
	await page.getByTestId('report-submit').click();
	const number = (await page.getByTestId('report-number').innerText()).trim();
	const unitLabel = (await page.locator('.what').innerText()).split(' · ')[1]!.trim();
	await page.getByTestId('report-done').click();
	await expectClean(page, [text, number, number.replace('-', ''), unitLabel], { historyLength });
	await touchAttract(page);
	await expectAnonymous(page);

	// The next visitor tracks it with its number and the phone tail, then is done.
	await page.getByTestId('tile-track').click();
	await key(page, number.replace('-', ''));
	await key(page, tail);
	await expect(page.getByTestId('track-number')).toHaveText(number);
	await page.getByTestId('done').click();
	await expectClean(page, [number, number.replace('-', '')], { historyLength });
	const seen = await page.evaluate(() => document.body.innerText + JSON.stringify(localStorage));
	expect(seen).not.toContain(tail);
});

test('meeting check-in: 完成 after the welcome leaves neither the meeting nor the code', async ({
	page
}) => {
	const desk = await page
		.context()
		.browser()!
		.newPage({ viewport: { width: 1366, height: 900 } });
	await deskSession(desk);
	await gotoReady(desk, '/desk/rooms');
	await desk.getByTestId('new-booking').click();
	const form = desk.getByTestId('booking-form');
	const when = await meetingSoon(30);
	await form.getByTestId('bf-room').selectOption('room-2');
	await form.locator('input[name=title]').fill('TRACE 业主大会筹备会');
	await form.locator('input[name=date]').fill(when.day);
	await form.locator('input[name=start]').fill(when.start);
	await form.locator('input[name=end]').fill(when.end);
	await form.locator('input[name=setupMin]').fill('0');
	await form.locator('input[name=teardownMin]').fill('0');
	await form.locator('input[name=attendees]').fill('3');
	await form.getByTestId('bf-save').click();
	const code = (await desk.getByTestId('checkin-code').textContent())!.replace(/\D/g, '');
	await desk.close();

	await start(page);
	const historyLength = await page.evaluate(() => history.length);
	await page.getByTestId('tile-checkin').click();
	await key(page, code);
	await expect(page.getByTestId('checkin-title')).toHaveText('TRACE 业主大会筹备会');
	await page.getByTestId('checkin-done').click();
	await expectClean(page, ['TRACE 业主大会筹备会', code], { historyLength });
});

test('a server restart mid-visit returns the kiosk to the attract screen in Chinese', async ({
	browser
}) => {
	let server: RunningServer = await startServer();
	const { dataDir, port } = server;
	const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
	try {
		await start(page, `${server.url}/kiosk`);
		const historyLength = await page.evaluate(() => history.length);
		await toEnglish(page);
		const who = resident('3-2-1001', dataDir);
		await page.getByTestId('tile-pay').click();
		await identify(page, '3-2-1001', who.phone.slice(-4));
		await expect(page.getByTestId('bill').first()).toBeVisible();
		const traces = await identityShown(page);

		expect(await server.stop()).toBe(0);
		server = await startServer({ dataDir, env: { PORT: String(port) } });
		// The new server's snapshot names a new instance: the visit it never knew is gone.
		await expectClean(page, [...traces, 'Hello'], { historyLength });
	} finally {
		await page.close();
		await server.stop();
		await removeDir(dataDir);
	}
});
