import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, gotoReady } from './fixtures';

/** A resident of the demo site (the owner when there is one), read from the server's data. */
export function resident(unitId: string, dataDir = process.env.E2E_DATA_DIR!) {
	const site = JSON.parse(readFileSync(join(dataDir, 'site.json'), 'utf8')) as {
		residents: { unitId: string; name: string; phone: string; kind: string }[];
	};
	const all = site.residents.filter((r) => r.unitId === unitId);
	return all.find((r) => r.kind === 'owner') ?? all[0]!;
}

/** Opens the kiosk and touches the attract screen. */
export async function start(page: Page, url = '/kiosk') {
	await gotoReady(page, url);
	await touchAttract(page);
}

/**
 * 中文/English → English, waiting until the page is in English: English arrives on demand, and
 * the tiles change size when it does, so a tap sent before that may land beside its target.
 */
export async function toEnglish(page: Page) {
	await page.getByTestId('lang').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** The next visitor's first touch. */
export async function touchAttract(page: Page) {
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'attract');
	await page.locator('.kiosk').click();
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'home');
}

/** Taps digits on the keypad on screen, then 确认 / Confirm. */
export async function key(page: Page, digits: string) {
	for (const d of digits) await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: /^(确认|Confirm)$/ }).click();
}

/** Identifies on the unit keypad: building, entrance, room, phone tail. */
export async function identify(page: Page, unitId: string, tail: string) {
	const [building, entrance, room] = unitId.split('-');
	const named = (zh: string, en: string) => new RegExp(`^(${zh}|${en})$`);
	await page.getByRole('button', { name: named(`${building} 栋`, `Building ${building}`) }).click();
	await page
		.getByRole('button', { name: named(`${entrance} 单元`, `Entrance ${entrance}`) })
		.click();
	await key(page, room!);
	await key(page, tail);
}

/** What a kiosk keeps where the next person could find it: its text and markup, both storages,
 * the address, and the history's length. */
export async function leftovers(page: Page) {
	return page.evaluate(() => ({
		text: document.body.innerText,
		html: document.documentElement.outerHTML,
		storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
		url: location.href,
		history: history.length,
		lang: document.documentElement.lang
	}));
}

/**
 * As the next visitor: the kiosk is on its attract screen (or the tiles, after 首页 / Home), in
 * Chinese, and none of `traces` shows on screen, in the markup, in storage or in the address;
 * no history entry was added and Back reveals nothing either.
 */
export async function expectClean(
	page: Page,
	traces: string[],
	opts: { historyLength: number; screen?: 'attract' | 'home' }
) {
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', opts.screen ?? 'attract');
	const seen = await leftovers(page);
	expect(seen.lang).toBe('zh-CN');
	expect(new URL(seen.url).pathname + new URL(seen.url).search).toBe('/kiosk');
	expect(seen.history).toBe(opts.historyLength);
	for (const trace of traces) {
		expect(seen.text, `"${trace}" on screen`).not.toContain(trace);
		expect(seen.html, `"${trace}" in the page`).not.toContain(trace);
		expect(seen.storage, `"${trace}" in storage`).not.toContain(trace);
	}
	// Back leads nowhere the visit was; then forward again to the kiosk for the next visitor.
	const kiosk = page.url();
	await page.goBack();
	const behind = await page.evaluate(() => document.documentElement.outerHTML);
	for (const trace of traces) expect(behind, `"${trace}" behind Back`).not.toContain(trace);
	if (page.url() !== kiosk) {
		// Forward loads the kiosk afresh, on its attract screen.
		await page.goForward();
		await page.locator('html[data-ready]').waitFor();
		if (opts.screen === 'home') await touchAttract(page);
	}
	await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', opts.screen ?? 'attract');
}

/** The next visitor is asked who they are before seeing bills or reporting about "my home". */
export async function expectAnonymous(page: Page) {
	await page.getByTestId('tile-pay').click();
	await expect(page.locator('.identify')).toHaveAttribute('data-step', 'building');
	await expect(page.getByTestId('identity')).toHaveCount(0);
	await page.getByTestId('home').click();
	await page.getByTestId('tile-report').click();
	await page.locator('[data-testid=report-category][data-category=repair]').click();
	await expect(page.getByTestId('report-home')).toContainText('需要输入房号');
	await page.getByTestId('report-home').click();
	await expect(page.locator('.identify')).toHaveAttribute('data-step', 'building');
	await page.getByTestId('home').click();
}
