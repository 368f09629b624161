import { expect, gotoReady, test } from './fixtures';

test('the rooms board in English shows rooms by their English names, and the Chinese one where there is none', async ({
	page
}) => {
	await gotoReady(page, '/display/rooms?lang=en');
	const tiles = page.getByTestId('room-tile');
	await expect(tiles.filter({ hasText: 'Meeting Room 1' })).toHaveCount(1);
	await expect(tiles.filter({ hasText: 'Function Hall' })).toHaveCount(1);
	await expect(tiles.filter({ hasText: '洽谈室' })).toHaveCount(1);
	await expect(tiles.filter({ hasText: '一号会议室' })).toHaveCount(0);
	await expect(page.getByText('Emerald Lake Gardens Service Center')).toBeVisible();
	// Three tiles abreast: every name, floor and seat count is whole, none cut with "…".
	const cut = await page
		.getByTestId('room-tile')
		.locator('h2, .place')
		.evaluateAll((els) =>
			els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent)
		);
	expect(cut).toEqual([]);
	await page.screenshot({ path: test.info().outputPath('rooms-board-en.png') });

	await gotoReady(page, '/display/rooms');
	await expect(tiles.filter({ hasText: '一号会议室' })).toHaveCount(1);
	await expect(page.getByText('翠湖花园物业服务中心')).toBeVisible();
});
