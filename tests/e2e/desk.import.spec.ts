import { deskSession, expect, gotoReady, test } from './fixtures';

/** A residents file as staff type it, `rows` after the heading line. */
const csv = (rows: string[]) =>
	Buffer.from(['房号,姓名,手机号,身份,入住日期', ...rows].join('\r\n') + '\r\n', 'utf8');

test('an admin imports a residents file with errors, sees the rows in error, fixes the file and imports it', async ({
	page
}) => {
	const stamp = String(Date.now()).slice(-7);
	const phone = (n: number) => `1${n}9${stamp}`.padEnd(11, '0').slice(0, 11);
	await deskSession(page);
	await gotoReady(page, '/desk/site/import');
	await page.getByTestId('import-kind').selectOption('residents');

	const bad = csv([
		`1-1-101,导入甲,${phone(3)},业主,2024/3/1`,
		`1-1-101,导入甲,${phone(3)},业主,2024/3/1`,
		`1-1-102,导入乙,1380000,租户,`,
		`1-1-201,导入丙,${phone(5)},业主,下个月`
	]);
	await page
		.getByTestId('import-file')
		.setInputFiles({ name: '住户.csv', mimeType: 'text/csv', buffer: bad });
	await page.getByRole('button', { name: /上传并预览|Upload and preview/ }).click();

	const preview = page.getByTestId('import-preview');
	await expect(preview.getByTestId('import-summary')).toContainText('错误 3');
	const errors = preview.getByTestId('import-errors');
	await expect(errors.getByRole('row', { name: /3 房号 与第 2 行重复/ })).toBeVisible();
	await expect(errors.getByRole('row', { name: /4 手机号 手机号应为 11 位数字/ })).toBeVisible();
	await expect(errors.getByRole('row', { name: /5 入住日期 日期无法识别/ })).toBeVisible();
	await expect(preview.getByTestId('import-confirm')).toHaveCount(0);

	const fixed = csv([
		`1-1-101,导入甲,${phone(3)},业主,2024/3/1`,
		`1-1-102,导入乙,${phone(4)},租户,`,
		`1-1-201,导入丙,${phone(5)},业主,2024年3月1日`
	]);
	await page
		.getByTestId('import-file')
		.setInputFiles({ name: '住户.csv', mimeType: 'text/csv', buffer: fixed });
	await page.getByRole('button', { name: /上传并预览|Upload and preview/ }).click();
	await expect(preview.getByTestId('import-summary')).toContainText('新增 3');
	await expect(preview.getByTestId('import-summary')).toContainText('错误 0');
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('新增 3');

	// The residents list shows them (searched on the server).
	await gotoReady(page, `/desk/site/residents?q=${phone(4)}`);
	await expect(page.getByRole('cell', { name: '导入乙' })).toBeVisible();
});
