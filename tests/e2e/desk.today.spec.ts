import type { Page } from '@playwright/test';
import { formatFen } from '../../src/lib/domain/money';
import { deskSession, expect, gotoReady, serverOrigin, test } from './fixtures';

const MANAGER = { username: 'todaymanager', password: 'today-manager-pw-1' };

/** A desk form action, sent from a logged-in page as its enhanced form would. */
async function deskAction(page: Page, path: string, fields: Record<string, string>) {
	const res = await page.request.post(path, {
		headers: {
			origin: serverOrigin(),
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		data: new URLSearchParams(fields).toString()
	});
	expect(((await res.json()) as { type: string }).type).toBe('success');
}

/** The number in a figure's link (its <strong>). */
async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).locator('strong').first().textContent());
}

test('the manager’s open 概览 changes live — waiting, served, today’s cash — when a kiosk ticket is called and a cash payment is taken elsewhere', async ({
	page,
	browser
}) => {
	// The admin (another desk) makes a manager account.
	const admin = await browser.newPage();
	await deskSession(admin);
	await deskAction(admin, '/desk/staff?/create', {
		username: MANAGER.username,
		displayName: '项目经理 概览',
		roles: 'manager',
		password: MANAGER.password
	});

	// The manager has /desk open, connected live.
	await deskSession(page, MANAGER.username, MANAGER.password);
	await gotoReady(page, '/desk');
	const today = page.getByTestId('today');
	await expect(today).toHaveAttribute('data-connection', 'online');
	// Whatever happens next must reach this very page, not a reloaded one.
	await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
	const waiting = await figure(page, 'today-waiting');
	const served = await figure(page, 'today-served');
	const cashText = await page.getByTestId('today-method-cash').locator('strong').textContent();
	const netText = await page.getByTestId('today-net').textContent();

	// A resident takes a ticket at the kiosk.
	const ticket = await admin.request.post('/api/queue/tickets', {
		headers: { origin: serverOrigin() },
		data: { service: 'fees' }
	});
	expect(ticket.status()).toBe(201);
	await expect(page.getByTestId('today-waiting').locator('strong')).toHaveText(String(waiting + 1));

	// Another desk calls it to counter 1 and finishes.
	await deskAction(admin, '/desk/queue?/call', { counter: 'counter-1' });
	await expect(page.getByTestId('today-waiting').locator('strong')).toHaveText(String(waiting));
	await deskAction(admin, '/desk/queue?/finish', { counter: 'counter-1' });
	await expect(page.getByTestId('today-served').locator('strong')).toHaveText(String(served + 1));
	await expect(page.getByTestId('today-median-wait')).not.toHaveText('—');

	// The cashier's desk takes a unit's oldest bill in cash.
	const origin = { origin: serverOrigin() };
	const visit = (await (
		await admin.request.post('/api/kiosk/identify', {
			headers: origin,
			data: { building: '3', entrance: '2', room: '1001', phoneTail: '3857' }
		})
	).json()) as { visit: { token: string } };
	const { bills } = (await (
		await admin.request.post('/api/kiosk/bills', {
			headers: origin,
			data: { visit: visit.visit.token }
		})
	).json()) as { bills: { id: string; amountFen: number }[] };
	const bill = bills[0]!;
	const fen = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
	await deskAction(admin, '/desk/fees?/pay', {
		unitId: '3-2-1001',
		billId: bill.id,
		method: 'cash',
		tendered: (bill.amountFen / 100).toFixed(2)
	});
	await expect(page.getByTestId('today-method-cash').locator('strong')).toHaveText(
		formatFen(fen(cashText) + bill.amountFen)
	);
	await expect(page.getByTestId('today-net')).toHaveText(formatFen(fen(netText) + bill.amountFen));

	expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
	await admin.close();
});
