import { createServer } from 'node:net';
import { api, login, removeDir, startServer, type RunningServer } from '../helpers/server';
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

test('a display that loses the server says so, and recovers by itself when the server restarts', async ({
	page
}) => {
	const port = await freePort();
	let server: RunningServer = await startServer({ env: { PORT: String(port) } });
	const dataDir = server.dataDir;
	try {
		await page.goto(`${server.url}/display/notices`);
		const screen = page.locator('[data-version]');
		await expect(screen).not.toHaveAttribute('data-version', '-1');
		await expect(page.getByTestId('connection')).toHaveCount(0);
		// A mark in the page's memory: a reload would wipe it.
		await page.evaluate(() => ((window as unknown as { foyerMark: string }).foyerMark = 'kept'));

		expect(await server.stop()).toBe(0);
		await expect(page.getByTestId('connection')).toHaveText(/^离线 · 最后更新 \d{2}:\d{2}$/);

		server = await startServer({ dataDir, env: { PORT: String(port) } });
		// Back online without a reload: the badge goes away and a notice published now shows.
		await expect(page.getByTestId('connection')).toHaveCount(0, { timeout: 15_000 });
		const cookie = await login(server);
		const res = await api(server, cookie, 'POST', '/api/notices', { title: '重启后的公告' });
		expect(res.status).toBe(201);
		await expect(page.getByTestId('notice')).toContainText('重启后的公告');
		expect(await page.evaluate(() => (window as unknown as { foyerMark?: string }).foyerMark)).toBe(
			'kept'
		);
	} finally {
		await server.stop();
		await removeDir(dataDir);
	}
});
