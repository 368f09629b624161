import type { Locator, Page } from '@playwright/test';
import { removeDir, startServer } from '../helpers/server';
import { expect, test } from './fixtures';

/** The smallest font size (px) of any text inside `root`. */
function smallestText(root: Locator): Promise<number> {
	return root.evaluate((el) => {
		let min = Infinity;
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (!n.textContent?.trim() || !n.parentElement) continue;
			const box = n.parentElement.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			min = Math.min(min, parseFloat(getComputedStyle(n.parentElement).fontSize));
		}
		return min;
	});
}

async function boardReady(page: Page) {
	await expect(page.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');
}

test('the rooms board shows all three rooms at once, side by side, secondary text ≥ 32 px at 1080p', async ({
	page
}) => {
	await page.goto('/display/rooms');
	await boardReady(page);
	const tiles = page.getByTestId('room-tile');
	await expect(tiles).toHaveCount(3);
	await expect(page.getByTestId('page')).toHaveCount(0);
	const boxes = await tiles.evaluateAll((els) =>
		els.map((e) => e.getBoundingClientRect().toJSON())
	);
	// One row of three, filling the width: no 2 + 1 paging, no half-empty screen.
	expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
	for (const b of boxes) {
		expect(b.width).toBeGreaterThan(500);
		expect(b.height).toBeGreaterThan(500);
		expect(b.bottom).toBeLessThanOrEqual(1080);
	}
	for (let i = 0; i < 3; i++) expect(await smallestText(tiles.nth(i))).toBeGreaterThanOrEqual(32);
	expect(
		await smallestText(page.getByTestId('rooms-board').locator('.legend'))
	).toBeGreaterThanOrEqual(32);
	// Guest-facing words only.
	await expect(page.getByTestId('rooms-board')).not.toContainText(/AV|设备检查/);
});

test('the door panel fills an 800×1280 screen with its state colour, its words readable', async ({
	page
}) => {
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.goto('/display/room?room=room-3');
	await boardReady(page);
	const panel = page.getByTestId('door-panel');
	await expect(panel).toBeVisible();
	const fill = await page.locator('.fill').evaluate((el) => ({
		box: el.getBoundingClientRect().toJSON(),
		colour: getComputedStyle(el).backgroundColor
	}));
	expect(fill.box).toMatchObject({ x: 0, y: 0, width: 800, height: 1280 });
	// The state's own colour behind everything (free green, in-use vermilion … whatever state the
	// room is in when the test runs): the screen's own gradient gives way.
	const colours: Record<string, string> = {
		free: 'rgb(0, 158, 115)', // #009e73
		startingSoon: 'rgb(230, 159, 0)', // #e69f00
		inUse: 'rgb(213, 94, 0)', // #d55e00
		settingUp: 'rgb(86, 180, 233)', // #56b4e9
		avCheckDue: 'rgb(86, 180, 233)' // shown to guests as setting up
	};
	const state = (await panel.getAttribute('data-state')) ?? '';
	expect(fill.colour).toBe(colours[state]);
	expect(await page.locator('.screen').evaluate((el) => getComputedStyle(el).backgroundImage)).toBe(
		'none'
	);
	expect(await smallestText(panel)).toBeGreaterThanOrEqual(24);
});

test('a board that lost the server for more than 30 s says so across the whole screen', async ({
	page
}) => {
	const server = await startServer();
	try {
		await page.clock.install();
		await page.goto(`${server.url}/display/queue`);
		await boardReady(page);
		expect(await server.stop()).toBe(0);
		// A short drop: the footer's small badge only.
		await expect(page.getByTestId('connection')).toBeVisible();
		await expect(page.getByTestId('offline-bar')).toHaveCount(0);
		await page.clock.fastForward(31_000);
		const bar = page.getByTestId('offline-bar');
		await expect(bar).toHaveText(/^自 \d{2}:\d{2} 起与服务器断开/);
		const box = (await bar.boundingBox())!;
		expect(box.width).toBe(1920);
		expect(await smallestText(bar)).toBeGreaterThanOrEqual(48);
	} finally {
		await server.stop();
		await removeDir(server.dataDir);
	}
});
