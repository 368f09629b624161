import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ADMIN_PASSWORD,
	api,
	demoStaffPassword,
	login,
	removeDir,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
	// Full strength, as a real site hashes: this file checks what is stored and how log-ins
	// behave, not the test cost the other files use (FOYER_TEST_FAST_HASH).
	server = await startServer({ strongHashes: true });
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

function postLogin(body: unknown, headers: Record<string, string> = {}) {
	return fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url, ...headers },
		body: JSON.stringify(body)
	});
}

describe('staff login', () => {
	it('stores passwords only as scrypt hashes and sessions only as token hashes', async () => {
		const cookie = await login(server);
		const token = decodeURIComponent(cookie.split('=')[1]!);
		const staff = await readFile(join(server.dataDir, 'staff.json'), 'utf8');
		const sessions = await readFile(join(server.dataDir, 'sessions.json'), 'utf8');
		expect(staff).not.toContain(ADMIN_PASSWORD);
		expect(staff).toMatch(/"passwordHash":"scrypt\$131072\$8\$1\$/);
		expect(sessions).not.toContain(token);
	});

	it('sets an HttpOnly, SameSite session cookie', async () => {
		const res = await postLogin({ username: 'admin', password: ADMIN_PASSWORD });
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('foyer_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Strict/i);
	});

	it('locks an account out after 5 failures, with a translated message', async () => {
		for (let i = 0; i < 5; i++) {
			const res = await postLogin({ username: 'manager', password: `wrong-${i}` });
			expect(res.status).toBe(401);
			expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
				'用户名或密码错误'
			);
		}
		const locked = await postLogin(
			{ username: 'manager', password: 'wrong-again' },
			{ cookie: 'foyer_lang=en' }
		);
		expect(locked.status).toBe(429);
		expect(((await locked.json()) as { error: { message: string } }).error.message).toBe(
			'Too many attempts. Try again in 15 min.'
		);
	});
});

describe('state-changing requests', () => {
	it('are refused from a foreign or missing Origin: JSON and form posts alike', async () => {
		const cookie = await login(server);
		const json = (origin?: string) =>
			fetch(`${server.url}/api/notices`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie, ...(origin ? { origin } : {}) },
				body: JSON.stringify({ title: 'from elsewhere' })
			});
		expect((await json('http://evil.example')).status).toBe(403);
		expect((await json()).status).toBe(403);
		const form = await fetch(`${server.url}/desk/notices?/publish`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				cookie,
				origin: 'http://evil.example'
			},
			body: 'title=forged&level=emergency'
		});
		expect(form.status).toBe(403);
		const live = (await (await fetch(`${server.url}/api/notices`)).json()) as {
			notices: { title: string }[];
		};
		expect(live.notices.map((n) => n.title)).not.toContain('forged');
		expect(live.notices.map((n) => n.title)).not.toContain('from elsewhere');
	});

	it('need a role that may make them', async () => {
		const cashier = await login(server, 'cashier', demoStaffPassword(server));
		const refused = await api(server, cashier, 'POST', '/api/notices', { title: '收银员发公告' });
		expect(refused.status).toBe(403);
	});

	it('with bad input are answered with a translated message per field', async () => {
		const cookie = await login(server, 'admin');
		const res = await api(server, cookie, 'POST', '/api/notices', { title: '' });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({
			error: {
				key: 'error.noticeTitleRequired',
				message: '请输入公告标题',
				fields: { title: '请输入公告标题' }
			}
		});
	});

	it('are recorded with who and when', async () => {
		const cookie = await login(server);
		const res = await api(server, cookie, 'POST', '/api/notices', { title: '审计测试' });
		const { notice } = (await res.json()) as { notice: { id: string; at: string } };
		const files = await readdir(join(server.dataDir, 'audit'));
		// Each day's log holds one JSON record per line.
		const entries = (
			await Promise.all(
				files
					.filter((f) => f.endsWith('.log'))
					.map(async (f) => await readFile(join(server.dataDir, 'audit', f), 'utf8'))
			)
		).flatMap((text) =>
			text
				.split('\n')
				.filter(Boolean)
				.map(
					(line) =>
						JSON.parse(line) as { action: string; target: string; actor: { username: string } }
				)
		);
		expect(
			entries.find((e) => e.action === 'notice.published' && e.target === notice.id)
		).toMatchObject({
			actor: { username: 'admin' }
		});
	});
});

describe('the session cookie over plain http on the LAN', () => {
	it('is not marked Secure, so browsers send it back', async () => {
		const res = await postLogin({ username: 'admin', password: ADMIN_PASSWORD });
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('foyer_session='))!;
		expect(cookie).not.toMatch(/;\s*Secure/i);
	});

	it('neither are the desk’s counter and language choices, so they stick on a LAN desk', async () => {
		const cookie = await login(server);
		const counter = await fetch(`${server.url}/desk/queue?counter=counter-2`, {
			headers: { cookie },
			redirect: 'manual'
		});
		const lang = await fetch(`${server.url}/desk/lang`, {
			method: 'POST',
			headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'next=/desk',
			redirect: 'manual'
		});
		const set = [...counter.headers.getSetCookie(), ...lang.headers.getSetCookie()];
		expect(set.map((c) => c.split('=')[0]).sort()).toEqual(['foyer_counter', 'foyer_lang']);
		for (const c of set) expect(c).not.toMatch(/;\s*Secure/i);
	});

	it('a missing username is answered with its own message', async () => {
		const res = await postLogin({ password: 'x' });
		expect(res.status).toBe(400);
		expect(
			((await res.json()) as { error: { fields: Record<string, string> } }).error.fields
		).toEqual({
			username: '请输入用户名'
		});
	});
});
