import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { decodeReceipt } from '../../src/lib/server/printing/decode';
import {
	startVirtualPrinter,
	type VirtualPrinter
} from '../../src/lib/server/printing/virtual-printer';
import { deskSession, expect, gotoReady, test } from './fixtures';

const UNIT = { id: '3-1-601', building: '3', entrance: '1', room: '601' };

function ownerPhone(unitId: string): string {
	const site = JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'site.json'), 'utf8')) as {
		residents: { unitId: string; phone: string; kind: string }[];
	};
	return site.residents.find((r) => r.unitId === unitId && r.kind === 'owner')!.phone;
}

/** Staff point the front-desk printer somewhere, at the desk's printers page. */
async function setFrontDeskPrinter(page: Page, target: string) {
	await gotoReady(page, '/desk/printers');
	await page
		.locator('[data-testid=printer-row][data-printer=front-desk]')
		.getByTestId('edit-printer')
		.click();
	const form = page.getByTestId('printer-form');
	await form.locator('input[name=target]').fill(target);
	await form.getByTestId('save-printer').click();
	await expect(page.getByTestId('done')).toBeVisible();
}

let printer: VirtualPrinter;
test.beforeAll(async () => {
	// The lobby's receipt printer, played by a loopback ESC/POS listener in this test.
	printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
});
test.afterAll(async () => {
	await printer.close();
});

test('a resident pays fees at the kiosk with a phone, sees "paid" and gets a GBK receipt', async ({
	page,
	browser
}) => {
	const desk = await browser.newPage({ viewport: { width: 1366, height: 900 } });
	await deskSession(desk);
	await setFrontDeskPrinter(desk, printer.url);
	// The cashier has the unit open at the desk while the resident pays at the kiosk.
	await gotoReady(desk, `/desk/fees?unit=${UNIT.id}`);
	await expect(desk.getByTestId('entry')).toHaveCount(0);

	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByRole('button', { name: /物业缴费/ }).click();
	await page.getByRole('button', { name: `${UNIT.building} 栋` }).click();
	await page.getByRole('button', { name: `${UNIT.entrance} 单元` }).click();
	for (const d of UNIT.room) await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: '确认' }).click();
	for (const d of ownerPhone(UNIT.id).slice(-4))
		await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: '确认' }).click();

	// Every unpaid bill is chosen; the resident leaves out one, and the total follows.
	const bills = page.getByTestId('bill');
	await expect(bills.first()).toBeVisible();
	const count = await bills.count();
	expect(count).toBeGreaterThan(1);
	const payNow = page.getByTestId('pay-now');
	const allText = await payNow.textContent();
	await bills.last().click();
	await expect(payNow).not.toHaveText(allText!);
	await payNow.click();

	const payment = page.getByTestId('payment');
	await expect(payment).toHaveAttribute('data-status', 'pending');
	await expect(page.getByTestId('countdown')).toHaveText(/还剩 (4 分 5\d|5 分 0) 秒/);
	const amount = (await page.getByTestId('pay-amount').textContent())!;
	const qr = (await payment.locator('img[data-qr]').getAttribute('data-qr'))!;
	await page.screenshot({ path: test.info().outputPath('kiosk-pay-qr.png') });

	// The resident's phone scans the QR and pays on the provider's page.
	const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
	await gotoReady(phone, qr);
	await expect(phone.getByTestId('amount')).toHaveText(amount);
	const printed = printer.nextJob();
	await phone.getByTestId('confirm').click();
	await expect(phone.getByTestId('paid')).toBeVisible();

	await expect(payment).toHaveAttribute('data-status', 'paid');
	const receiptNo = (await page.getByText(/收据号 \d{4}-\d{6}/).textContent())!.replace(
		'收据号 ',
		''
	);
	await expect(payment.locator('img[data-qr*="/r/"]')).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('kiosk-pay-paid.png') });

	const receipt = decodeReceipt((await printed).bytes);
	expect(receipt.text).toContain('3栋1单元601');
	expect(receipt.text).toContain(amount);
	expect(receipt.text).toContain(receiptNo);
	expect(receipt.qr[0]).toMatch(/\/r\/[\w-]+$/);

	// The desk sees the payment without a reload.
	await expect(desk.getByTestId('entry').first()).toContainText(receiptNo);

	// The idle reset wipes it all: back to the attract screen, nothing of the visit left.
	await page.getByRole('button', { name: '完成' }).click();
	await expect(page.getByText('请触摸屏幕开始')).toBeVisible();
	await expect(page.getByText(receiptNo)).toHaveCount(0);

	await setFrontDeskPrinter(desk, 'virtual');
	await phone.close();
	await desk.close();
});
