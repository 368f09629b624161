import { createServer } from 'node:net';
import { removeDir, startServer, type RunningServer } from '../helpers/server';
import { start, touchAttract } from './kiosk-walk';
import { expect, test } from './fixtures';

/** A port that is free now, so a restarted server can come back on the same one. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const SERVER_TILES = ['pay', 'ticket', 'report', 'track', 'checkin'];

test('a kiosk that loses the server says so in words, closes the tasks that need it, and comes back by itself', async ({
	page
}) => {
	const port = await freePort();
	let server: RunningServer = await startServer({ env: { PORT: String(port) } });
	const dataDir = server.dataDir;
	try {
		await start(page, `${server.url}/kiosk`);
		for (const tile of SERVER_TILES) await expect(page.getByTestId(`tile-${tile}`)).toBeEnabled();
		await expect(page.getByTestId('kiosk-offline')).toHaveCount(0);
		// A kiosk's server drops while a visit is under way, not in the very instant it began:
		// by then the visit has fetched its English (half a second after the first touch).
		await expect(page.locator('.kiosk')).toHaveAttribute('data-english', 'loaded');

		expect(await server.stop()).toBe(0);
		// Before anyone keys anything in: said in words, and the tasks are closed.
		await expect(page.getByTestId('kiosk-offline')).toContainText('暂时连不上服务器');
		for (const tile of SERVER_TILES) await expect(page.getByTestId(`tile-${tile}`)).toBeDisabled();
		// What needs no server still opens.
		await page.getByTestId('tile-help').click();
		await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'help');
		await page.getByTestId('lang').click();
		await expect(page.getByTestId('kiosk-offline')).toContainText('cannot reach the server');
		await page.screenshot({ path: test.info().outputPath('kiosk-offline-en.png') });
		await page.getByTestId('lang').click();
		await page.getByTestId('back').click();

		server = await startServer({ dataDir, env: { PORT: String(port) } });
		// Back without a reload: the words go; a restarted server knows no visit, so the kiosk
		// starts afresh on its attract screen, and the tasks are open again.
		await expect(page.getByTestId('kiosk-offline')).toHaveCount(0, { timeout: 15_000 });
		await touchAttract(page);
		for (const tile of SERVER_TILES) await expect(page.getByTestId(`tile-${tile}`)).toBeEnabled();
		await page.getByTestId('tile-ticket').click();
		await page.locator('.service-tile').first().click();
		await page.locator('.choice').last().click();
		await expect(page.getByTestId('ticket')).toContainText('您的号码');
	} finally {
		await server.stop();
		await removeDir(dataDir);
	}
});

test('a task under way when the server goes is held still and says why, rather than failing after the resident keyed it all in', async ({
	page
}) => {
	const port = await freePort();
	let server: RunningServer = await startServer({ env: { PORT: String(port) } });
	const dataDir = server.dataDir;
	try {
		await start(page, `${server.url}/kiosk`);
		await page.getByTestId('tile-track').click();
		for (const d of '26') await page.getByRole('button', { name: d, exact: true }).click();
		expect(await server.stop()).toBe(0);
		await expect(page.getByTestId('kiosk-offline')).toBeVisible();
		await expect(page.locator('main')).toHaveAttribute('inert', '');
		// The digits typed so far stay while the server is away (a blip must not wipe them)…
		await expect(page.getByTestId('keypad-value')).toHaveText('26');
		server = await startServer({ dataDir, env: { PORT: String(port) } });
		// …but a restarted server knows no visit: the kiosk starts afresh, in Chinese.
		await expect(page.getByTestId('kiosk-offline')).toHaveCount(0, { timeout: 15_000 });
		await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'attract');
		await touchAttract(page);
		await page.getByTestId('tile-track').click();
		await expect(page.getByTestId('keypad-value')).not.toHaveText('26');
		await expect(page.locator('main')).not.toHaveAttribute('inert');
	} finally {
		await server.stop();
		await removeDir(dataDir);
	}
});
