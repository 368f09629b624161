import type { Page } from '@playwright/test';
import { deskSession, expect, gotoReady, test } from './fixtures';

/** The list's row that holds `text`. */
const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

test('an admin adds a building, edits and deactivates it, and the form keeps what was typed when refused', async ({
	page
}) => {
	await deskSession(page);
	await gotoReady(page, '/desk/site/buildings');
	const form = page.getByTestId('place-form');
	await form.getByLabel(/楼栋编号/).fill('8');
	await form.getByLabel('名称').fill('八号楼');
	await form.getByLabel('单元数').fill('0');
	await form.getByLabel('楼层数').fill('18');
	await form.getByRole('button', { name: '保存' }).click();
	// Refused: the error sits next to its field, and nothing typed is lost.
	await expect(form.getByTestId('entrances-error')).toBeVisible();
	await expect(form.getByLabel('名称')).toHaveValue('八号楼');
	await expect(row(page, '八号楼')).toHaveCount(0);

	await form.getByLabel('单元数').fill('2');
	await form.getByRole('button', { name: '保存' }).click();
	await expect(row(page, '八号楼')).toHaveCount(1);
	await expect(form.getByLabel('名称')).toHaveValue('');

	// Edit opens the row's own values; the code is fixed once made.
	await row(page, '八号楼').getByRole('button', { name: '编辑' }).click();
	await expect(form.getByLabel(/楼栋编号/)).toHaveValue('8');
	await expect(form.getByLabel(/楼栋编号/)).toHaveAttribute('readonly', '');
	await form.getByLabel('名称').fill('八号公寓楼');
	await form.getByRole('button', { name: '保存' }).click();
	await expect(row(page, '八号公寓楼')).toHaveCount(1);
	await expect(form.getByRole('button', { name: '取消' })).toHaveCount(0);

	await row(page, '八号公寓楼').getByRole('button', { name: '停用' }).click();
	await expect(row(page, '八号公寓楼').getByRole('button', { name: '恢复' })).toBeVisible();
	await row(page, '八号公寓楼').getByRole('button', { name: '恢复' }).click();
	await expect(row(page, '八号公寓楼').getByRole('button', { name: '停用' })).toBeVisible();
});

test('an admin adds a unit and a resident, with each refusal shown next to its field', async ({
	page
}) => {
	await deskSession(page);
	await gotoReady(page, '/desk/site/units');
	const units = page.getByTestId('unit-form');
	await units.getByLabel('楼栋').selectOption({ label: '1栋' });
	await units.getByLabel('单元', { exact: true }).fill('9');
	await units.getByLabel('房间号').fill('909');
	await units.getByLabel('面积（m²）').fill('-5');
	await units.getByRole('button', { name: '保存' }).click();
	await expect(units.locator('.error')).toHaveCount(1);
	await expect(units.getByLabel('房间号')).toHaveValue('909');

	await units.getByLabel('面积（m²）').fill('88.5');
	await units.getByRole('button', { name: '保存' }).click();
	await expect(units.getByLabel('房间号')).toHaveValue('');
	// The save reloads the page's data; the list is then searched as a person would reach it.
	await gotoReady(page, '/desk/site/units?q=1-9-909');
	await expect(row(page, '1-9-909')).toContainText('88.50');

	await row(page, '1-9-909').getByRole('button', { name: '编辑' }).click();
	await expect(units.getByLabel('面积（m²）')).toHaveValue('88.50');
	await units.getByLabel('面积（m²）').fill('90');
	await units.getByRole('button', { name: '保存' }).click();
	await expect(row(page, '1-9-909')).toContainText('90.00');

	await gotoReady(page, '/desk/site/residents');
	const residents = page.getByTestId('resident-form');
	await residents.getByLabel('房号').fill('1-9-909');
	await residents.getByLabel('姓名').fill('表单测试');
	await residents.getByLabel(/手机号/).fill('123');
	await residents.getByRole('button', { name: '保存' }).click();
	await expect(residents.getByTestId('phones-error')).toContainText('11 位');
	await expect(residents.getByLabel('姓名')).toHaveValue('表单测试');

	await residents.getByLabel(/手机号/).fill('13912345678');
	await residents.getByRole('button', { name: '保存' }).click();
	await expect(residents.getByLabel('姓名')).toHaveValue('');
	await gotoReady(page, `/desk/site/residents?q=${encodeURIComponent('表单测试')}`);
	await expect(row(page, '表单测试')).toContainText('13912345678');
});
