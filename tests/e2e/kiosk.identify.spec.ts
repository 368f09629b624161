import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, gotoReady, test } from './fixtures';

/** A resident of the demo site, read from the server's own data folder. */
function resident(unitId: string) {
	const site = JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'site.json'), 'utf8')) as {
		residents: { unitId: string; name: string; phone: string }[];
	};
	return site.residents.find((r) => r.unitId === unitId)!;
}

test('a resident identifies with unit and phone tail, gets a linked ticket, and the idle reset wipes every trace', async ({
	page
}) => {
	const owner = resident('2-1-502');
	await page.clock.install();
	await gotoReady(page, '/kiosk');
	const historyLength = await page.evaluate(() => history.length);
	await page.getByText('请触摸屏幕开始').click();
	await page.getByRole('button', { name: /取号排队/ }).click();
	await page.getByRole('button', { name: /缴费业务/ }).click();
	await page.getByRole('button', { name: '登记房屋后取号' }).click();

	await page.getByRole('button', { name: '2 栋' }).click();
	await page.getByRole('button', { name: '1 单元' }).click();
	for (const d of '502') await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: '确认' }).click();

	// A wrong tail first: refused, translated, digits never shown.
	for (const d of '0000') await page.getByRole('button', { name: d, exact: true }).click();
	await expect(page.getByTestId('keypad-value')).toHaveText('••••');
	await page.getByRole('button', { name: '确认' }).click();
	await expect(page.getByRole('alert')).toHaveText('房号或手机号后 4 位不正确');

	for (const d of owner.phone.slice(-4))
		await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: '确认' }).click();
	const slip = page.getByTestId('ticket');
	await expect(slip).toContainText('您的号码');
	await expect(page.getByTestId('identity')).toHaveText(`您好，${owner.name[0]}** · 2栋1单元**02`);
	// The ticket is linked to the unit on the server (not through anything the page sent).
	const label = (await slip.locator('.label').innerText()).trim();
	const ticketsDir = join(process.env.E2E_DATA_DIR!, 'tickets');
	// Each day's log holds one JSON record per line (a change appends the record again).
	const tickets = readdirSync(ticketsDir)
		.filter((f) => f.endsWith('.log'))
		.flatMap((f) =>
			readFileSync(join(ticketsDir, f), 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as { label: string; unitId: string | null })
		);
	expect(tickets.filter((t) => t.label === label).at(-1)?.unitId).toBe('2-1-502');

	// Masked on this public screen: never the full name, room or phone.
	const text = await page.locator('body').innerText();
	expect(text).not.toContain(owner.name);
	expect(text).not.toContain('502');
	expect(text).not.toContain(owner.phone);

	// Walk away: warning, then reset. Nothing of the visit is left, nor reachable with Back.
	await page.clock.fastForward(61_000);
	await expect(page.getByTestId('idle-warning')).toBeVisible();
	await page.clock.fastForward(31_000);
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'attract');
	const after = await page.content();
	expect(after).not.toContain(`${owner.name[0]}**`);
	expect(after).not.toContain('2栋1单元');
	expect(after).not.toContain('您的号码');
	expect(await page.evaluate(() => history.length)).toBe(historyLength);
	await page.goBack();
	await expect(page.getByText('您的号码')).toHaveCount(0);

	// Starting again asks for the home again.
	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByRole('button', { name: /取号排队/ }).click();
	await page.getByRole('button', { name: /缴费业务/ }).click();
	await expect(page.getByRole('button', { name: '登记房屋后取号' })).toBeVisible();
});
