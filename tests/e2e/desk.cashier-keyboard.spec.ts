import type { Page } from '@playwright/test';
import { decodeReceipt } from '../../src/lib/server/printing/decode';
import {
	startVirtualPrinter,
	type VirtualPrinter
} from '../../src/lib/server/printing/virtual-printer';
import { deskSession, expect, gotoReady, serverOrigin, test } from './fixtures';

const CASHIER = { username: 'kbcashier', password: 'keyboard-cashier-pw-1' };
const UNIT = { id: '2-1-301', typed: '2-1-301' };

let printer: VirtualPrinter;
test.beforeAll(async () => {
	printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
});
test.afterAll(async () => {
	await printer.close();
});

/** An admin's form action, sent from the admin's page as its enhanced form would. */
async function adminAction(page: Page, path: string, fields: Record<string, string | string[]>) {
	const form = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
	const res = await page.request.post(path, {
		headers: {
			origin: serverOrigin(),
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		data: form.toString()
	});
	expect(((await res.json()) as { type: string }).type).toBe('success');
}

test('a cashier takes a cash payment with the keyboard alone, typing only the unit and the amount handed over (13 keystrokes for ¥1,016.09), and the receipt prints', async ({
	page,
	browser
}) => {
	// Set-up by the admin: a cashier account, and the front desk's printer.
	const admin = await browser.newPage();
	await deskSession(admin);
	await adminAction(admin, '/desk/staff?/create', {
		username: CASHIER.username,
		displayName: '收银 键盘',
		roles: 'cashier',
		password: CASHIER.password
	});
	await gotoReady(admin, '/desk/printers');
	await admin
		.locator('[data-testid=printer-row][data-printer=front-desk]')
		.getByTestId('edit-printer')
		.click();
	await admin.getByTestId('printer-form').locator('input[name=target]').fill(printer.url);
	await admin.getByTestId('printer-form').getByTestId('save-printer').click();
	await expect(admin.getByTestId('done')).toBeVisible();
	await admin.close();

	// The cashier logs in and lands on 收费 with the search field focused.
	await gotoReady(page, '/desk/login');
	await page.getByLabel(/用户名|Username/).fill(CASHIER.username);
	await page.getByLabel(/密码|Password/).fill(CASHIER.password);
	await page.getByRole('button', { name: /登录|Log in/ }).click();
	await expect(page).toHaveURL(/\/desk\/fees$/);
	await page.locator('html[data-ready]').waitFor();
	await expect(page.getByTestId('search')).toBeFocused();

	// From here on: the keyboard only, every key counted.
	let keystrokes = 0;
	const type = async (text: string) => {
		await page.keyboard.type(text);
		keystrokes += text.length;
	};
	const press = async (key: string) => {
		await page.keyboard.press(key);
		keystrokes += 1;
	};

	await type(UNIT.typed);
	await press('Enter');
	// One match: the unit opens at once, every unpaid bill chosen, cash, the amount field ready.
	await expect(page).toHaveURL(new RegExp(`unit=${UNIT.id}`));
	await page.locator('html[data-ready]').waitFor();
	const take = page.getByTestId('take-payment');
	await expect(take).toBeEnabled();
	await expect(page.getByTestId('tendered')).toBeFocused();
	await expect(page.locator('input[name=method][value=cash]')).toBeChecked();
	// The total and the button are in view without scrolling.
	await expect(take).toBeInViewport();
	const due = Number(
		/([\d,]+\.\d\d)/.exec((await take.textContent()) ?? '')![1]!.replace(/,/g, '')
	);
	const handed = String(Math.ceil(due / 100) * 100);
	await type(handed);
	await expect(page.getByTestId('change')).toContainText(/找零|Change/);
	const job = printer.nextJob();
	await press('Enter');
	await expect(page.getByTestId('paid')).toBeVisible();
	const receipt = decodeReceipt((await job).bytes);
	// The receipt's total, as printed: ￥1,016.09.
	const total = due.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	expect(receipt.text).toContain(`￥${total}`);
	// Ready for the next resident.
	await expect(page.getByTestId('search')).toBeFocused();

	console.log(
		`Cash payment with the keyboard: ${keystrokes} keystrokes (${UNIT.typed}, Enter, ${handed}, Enter)`
	);
	test.info().annotations.push({ type: 'keystrokes', description: String(keystrokes) });
	// Nothing but what the cashier must say: the unit, Enter, the amount, Enter.
	expect(keystrokes).toBe(UNIT.typed.length + 1 + handed.length + 1);
});

test('the tab order of a payment runs bills → method → amount → take payment, and a method is chosen with the arrows', async ({
	page
}) => {
	await deskSession(page);
	await gotoReady(page, '/desk/fees?unit=1-1-101');
	const amount = page.getByTestId('tendered');
	await expect(amount).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(page.locator('input[name=method][value=cash]')).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('input[name=method][value=card]')).toBeChecked();
	// No amount to hand over by card: the next stop is the button.
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('take-payment')).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('ArrowLeft');
	await expect(page.locator('input[name=method][value=cash]')).toBeChecked();
	await page.keyboard.press('Shift+Tab');
	await expect(page.locator('input[name=billId]').last()).toBeFocused();
});
