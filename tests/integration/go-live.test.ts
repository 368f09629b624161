import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, removeDir, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { SEED: 'none', ADMIN_PASSWORD: '' } });
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

/** Each step of the checklist on a page: id → done. */
function steps(html: string): Record<string, boolean> {
	return Object.fromEntries(
		[...html.matchAll(/data-step="(\w+)" data-ok="(true|false)"/g)].map((m) => [
			m[1],
			m[2] === 'true'
		])
	);
}

describe('the set-up walk-through of an empty site leads to go-live', () => {
	it('after the site name, the admin sees what is still missing before the kiosk can take payments', async () => {
		const code = /Set-up code: ([0-9A-F]{8})/.exec(server.output())![1]!;
		const setUp = await fetch(`${server.url}/desk/setup`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: server.url
			},
			body: new URLSearchParams({
				code,
				name: '新城物业服务中心',
				buildings: '3',
				counters: '2',
				rooms: '',
				username: 'boss',
				displayName: '王经理',
				password: 'boss-password-123'
			}).toString()
		});
		expect(setUp.status).toBe(303);
		const cookie = await login(server, 'boss', 'boss-password-123');

		const page = await fetch(`${server.url}/desk/setup`, { headers: { cookie } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('上线准备');
		// Three buildings and two counters came from the first step; nothing else exists yet.
		expect(steps(html)).toEqual({
			units: false,
			residents: false,
			fees: false,
			counters: true,
			rooms: false,
			bills: false,
			provider: false,
			kiosk: false,
			printer: false
		});
		expect(html).toContain('上线前还缺 7 项');
		// Each step leads to where it is done: by import or by hand.
		expect(html).toContain('href="/desk/site/import"');
		expect(html).toContain('href="/desk/site/units"');
		expect(html).toContain('href="/desk/site/residents"');
		expect(html).toContain('href="/desk/site/fees"');

		const overview = await (await fetch(`${server.url}/desk`, { headers: { cookie } })).text();
		expect(overview).toContain('data-testid="golive-overview"');
		expect(overview).toContain('还没有房屋，自助终端查不到任何账单。');
		// And a new site has no backup yet: the admin is told.
		expect(overview).toContain('data-testid="backup-warning"');
	});

	it('in English too', async () => {
		const cookie = await login(server, 'boss', 'boss-password-123');
		const html = await (
			await fetch(`${server.url}/desk/setup`, { headers: { cookie: `${cookie}; foyer_lang=en` } })
		).text();
		expect(html).toContain('Getting ready to go live');
		expect(html).toContain('7 things still missing before going live');
	});
});
