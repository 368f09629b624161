import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { deskSession, expect, gotoReady, serverOrigin, test } from './fixtures';

const MANAGER = { username: 'rpmanager', password: 'reports-manager-pw-1' };
const COMMENT = '第四季度满意率保持在目标以上；收缴率偏低，下季度逐户催缴。';

/** An admin's form action, sent from the admin's page as its enhanced form would. */
async function adminAction(page: Page, path: string, fields: Record<string, string>) {
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

/**
 * The text of a PDF, page by page, read by Debian's pdftotext (poppler-utils; scripts/test.js
 * installs it): a form feed separates pages.
 */
function pdfPages(pdf: Buffer): string[] {
	const file = join(mkdtempSync(join(tmpdir(), 'foyer-pack-')), 'pack.pdf');
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
}

/** This quarter, as the reports page names it (2026-Q4). */
function thisQuarter(): string {
	const today = new Date(Date.now() + 8 * 3_600_000); // the demo site is in Asia/Shanghai
	return `${today.getUTCFullYear()}-Q${Math.ceil((today.getUTCMonth() + 1) / 3)}`;
}

test('the manager opens the quarter, comments, issues the quality report, prints it to A4, and the issued pack keeps its figures after a new payment', async ({
	page,
	browser
}) => {
	const admin = await browser.newPage();
	await deskSession(admin);
	await adminAction(admin, '/desk/staff?/create', {
		username: MANAGER.username,
		displayName: '项目经理 报表',
		roles: 'manager',
		password: MANAGER.password
	});
	await admin.close();

	await deskSession(page, MANAGER.username, MANAGER.password);
	await gotoReady(page, '/desk');
	await page.getByRole('link', { name: '报表' }).click();
	await expect(page).toHaveURL(/\/desk\/reports$/);

	// The quarter, chosen in the period bar.
	const quarter = thisQuarter();
	await page.locator('html[data-ready]').waitFor();
	await page.getByTestId('period-quarter').selectOption(quarter);
	await page.getByTestId('period-quarter-show').click();
	await expect(page).toHaveURL(new RegExp(`p=${quarter}`));
	await expect(page.getByTestId('period-label')).toContainText(/第\d季度/);

	// Every section, with its figures beside the previous period, and the charts with their tables.
	for (const s of ['satisfaction', 'workorders', 'fees', 'queue', 'rooms']) {
		await expect(page.getByTestId(`section-${s}`)).toBeVisible();
	}
	await expect(page.getByTestId('sat-rate')).toContainText(/≥ 95.0%/);
	for (const chart of ['chart-sat-trend', 'chart-fees-methods', 'chart-queue-heat']) {
		const figure = page.getByTestId(chart);
		await expect(figure.locator('svg')).toBeVisible();
		// The figures as a table, for a screen reader and anyone checking a number.
		await expect(figure.getByTestId(`${chart}-table`).locator('tbody tr').first()).toBeAttached();
	}
	await expect(page.getByTestId('chart-queue-heat-table').locator('tbody tr')).toHaveCount(7);
	const liveCollected = await page.getByTestId('fees-collected').locator('.now').textContent();

	// The comment is kept as a draft first, then the pack is issued.
	await page.locator('html[data-ready]').waitFor();
	await page.getByTestId('pack-comments').fill(COMMENT);
	await page.getByTestId('pack-save').click();
	await expect(page.getByTestId('pack-saved')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('pack-comments')).toHaveValue(COMMENT);
	await page.getByTestId('pack-issue').click();
	await expect(page).toHaveURL(/\/desk\/reports\/packs\//);
	const packUrl = page.url();
	await expect(page.getByTestId('pack-title-page')).toContainText('季度质量目标实施报告');
	await expect(page.getByTestId('pack-comments')).toContainText(COMMENT);

	// Printed from Chromium on A4: a title page, the targets, every section, the comment.
	await page.emulateMedia({ media: 'print' });
	const pages = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
	const text = pages.join('\n');
	expect(pages[0]).toContain('季度质量目标实施报告');
	expect(pages[0]).toMatch(/第\d季度/);
	expect(pages[0]).toContain('签发日期');
	for (const heading of [
		'目标完成情况',
		'满意度',
		'工单',
		'收费',
		'排队叫号',
		'会议室',
		'项目经理意见'
	]) {
		expect(text).toContain(heading);
	}
	expect(text.replace(/\s+/g, '')).toContain(COMMENT);
	// Paper has no desk menu.
	expect(text).not.toContain('退出登录');
	expect(pages.filter((p) => p.trim()).length).toBeGreaterThanOrEqual(6);
	await page.emulateMedia({ media: 'screen' });
	const frozen = await page.getByTestId('fees-collected').locator('.now').textContent();
	expect(frozen).toBe(liveCollected);

	// The pack's data as .xlsx: a summary with the comment, one sheet per section, money in yuan.
	const xlsx = await page.request.get(`${packUrl}/xlsx`);
	expect(xlsx.status()).toBe(200);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(Buffer.from(await xlsx.body()) as unknown as ArrayBuffer);
	expect(book.worksheets.map((w) => w.name)).toEqual([
		'概要',
		'满意度',
		'工单',
		'收费',
		'排队叫号',
		'会议室'
	]);
	const summary = book.getWorksheet('概要')!;
	const cells: string[] = [];
	summary.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
	expect(cells).toContain(COMMENT);
	const fees = book.getWorksheet('收费')!;
	const net = fees.getRows(1, 20)!.find((r) => r.getCell(1).value === '本期净收款')!;
	expect(net.getCell(2).numFmt).toBe('0.00');
	expect(
		`￥${Number(net.getCell(2).value).toLocaleString('en-US', { minimumFractionDigits: 2 })}`
	).toBe(frozen);

	// A payment now changes the live figures …
	await gotoReady(page, '/desk/fees?unit=1-1-101');
	const take = page.getByTestId('take-payment');
	await expect(take).toBeEnabled();
	await page.locator('input[name=method][value=card]').check();
	await take.click();
	await expect(page.getByTestId('paid')).toBeVisible();
	await gotoReady(page, `/desk/reports?p=${quarter}`);
	await expect(page.getByTestId('fees-collected').locator('.now')).not.toHaveText(
		liveCollected ?? ''
	);

	// … and the issued pack still shows what was handed in, listed on the reports page.
	await page.getByTestId('pack-link').first().click();
	await expect(page).toHaveURL(packUrl);
	await expect(page.getByTestId('fees-collected').locator('.now')).toHaveText(frozen ?? '');
	await expect(page.getByTestId('pack-comments')).toContainText(COMMENT);
});
