import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, gotoReady, test } from './fixtures';

const UNIT = { id: '2-1-301', building: '2', entrance: '1', room: '301' };

function ownerPhone(unitId: string): string {
	const site = JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'site.json'), 'utf8')) as {
		residents: { unitId: string; phone: string; kind: string }[];
	};
	return site.residents.find((r) => r.unitId === unitId && r.kind === 'owner')!.phone;
}

test('in English the kiosk shows the English names of the site and fee items, and the Chinese one where there is none', async ({
	page
}) => {
	await gotoReady(page, '/kiosk');
	await expect(page.getByText('翠湖花园物业服务中心').first()).toBeVisible();
	await page.getByText('请触摸屏幕开始').click();
	await page.getByRole('button', { name: /物业缴费/ }).click();
	await page.getByRole('button', { name: `${UNIT.building} 栋` }).click();
	await page.getByRole('button', { name: `${UNIT.entrance} 单元` }).click();
	for (const d of UNIT.room) await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: '确认' }).click();
	for (const d of ownerPhone(UNIT.id).slice(-4))
		await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: '确认' }).click();

	const bills = page.getByTestId('bill');
	await expect(bills.filter({ hasText: '物业服务费' }).first()).toBeVisible();
	await page.getByTestId('lang').click();
	await expect(bills.filter({ hasText: 'Property management fee' }).first()).toBeVisible();
	await expect(bills.filter({ hasText: 'Lift fee' }).first()).toBeVisible();
	// The water fee has no English name in the demo: the Chinese one stays.
	await expect(bills.filter({ hasText: '公区水费' }).first()).toBeVisible();
	await expect(bills.filter({ hasText: '物业服务费' })).toHaveCount(0);
	await expect(page.getByText('Emerald Lake Gardens Service Center').first()).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('kiosk-bills-en.png') });
});
