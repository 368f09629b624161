import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { siteSchema } from '../../src/lib/domain/site';
import { SITE_ROLES } from '../../src/lib/domain/staff';
import { api, login, removeDir, startServer, type RunningServer } from '../helpers/server';

const started: RunningServer[] = [];
afterEach(async () => {
	for (const s of started.splice(0)) {
		if (s.process.exitCode === null) await s.stop();
		await removeDir(s.dataDir);
	}
});

async function start(env: Record<string, string> = {}) {
	const s = await startServer({ env });
	started.push(s);
	return s;
}

describe('first start', () => {
	it('seeds a demo service center and prints where to go and how to log in', async () => {
		const server = await start({ ADMIN_PASSWORD: '' });
		const out = server.output();
		expect(out).toMatch(/Kiosk: +http:\/\/127\.0\.0\.1:\d+\/kiosk/);
		expect(out).toMatch(/Displays: +http:\/\/127\.0\.0\.1:\d+\/display\/notices/);
		expect(out).toMatch(/Desk: +http:\/\/127\.0\.0\.1:\d+\/desk/);
		const admin = /Desk login: admin \/ (\S+)/.exec(out)?.[1];
		expect(admin).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		await login(server, 'admin', admin);

		const site = siteSchema.parse(
			JSON.parse(await readFile(join(server.dataDir, 'site.json'), 'utf8'))
		);
		expect(site.units.length).toBe(200);
		expect(new Set(site.units.map((u) => u.building)).size).toBeGreaterThanOrEqual(5);
		expect(site.residents.length).toBeGreaterThanOrEqual(200);
		expect(site.rooms.length).toBeGreaterThanOrEqual(3);
		expect(site.counters.length).toBeGreaterThanOrEqual(2);
		expect(site.feeStandards.map((f) => f.kind).sort()).toEqual(['fixed', 'metered', 'perArea']);
		const staff = z
			.object({ staff: z.array(z.object({ roles: z.array(z.string()) })) })
			.parse(JSON.parse(await readFile(join(server.dataDir, 'staff.json'), 'utf8')));
		// Every role a site's own staff can hold (head office is the company's: docs/company.md).
		for (const role of SITE_ROLES)
			expect(
				staff.staff.some((s) => s.roles.includes(role)),
				role
			).toBe(true);
	});

	it('with SEED=none starts an empty site whose desk asks for the set-up code', async () => {
		const server = await start({ SEED: 'none', ADMIN_PASSWORD: '' });
		const code = /Set-up code: ([0-9A-F]{8})/.exec(server.output())?.[1];
		expect(code).toBeDefined();
		const desk = await fetch(`${server.url}/desk`, { redirect: 'manual' });
		expect(desk.status).toBe(303);
		expect(desk.headers.get('location')).toBe('/desk/setup');

		const form = (fields: Record<string, string>) =>
			fetch(`${server.url}/desk/setup`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: server.url
				},
				body: new URLSearchParams(fields).toString()
			});
		const fields = {
			code: code!,
			name: '新城物业服务中心',
			buildings: '3',
			counters: '2',
			rooms: '大会议室\n小会议室',
			username: 'boss',
			displayName: '王经理',
			password: 'boss-password-123'
		};
		const wrong = await form({ ...fields, code: 'WRONG000' });
		expect(wrong.status).toBe(403);
		expect(await wrong.text()).toContain('设置码不正确');
		const ok = await form(fields);
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/desk/login');
		await login(server, 'boss', 'boss-password-123');
		const site = siteSchema.parse(
			JSON.parse(await readFile(join(server.dataDir, 'site.json'), 'utf8'))
		);
		expect(site).toMatchObject({ name: '新城物业服务中心', ready: true });
		expect(site.rooms.map((r) => r.name)).toEqual(['大会议室', '小会议室']);
	});
});

describe('shutdown', () => {
	it('SIGTERM finishes the writes in flight before the server exits', async () => {
		const server = await start();
		const cookie = await login(server);
		const inFlight = Array.from({ length: 20 }, (_, i) =>
			api(server, cookie, 'POST', '/api/notices', { title: `关机前 ${i}` }).then(
				async (r) =>
					r.status === 201 ? ((await r.json()) as { notice: { id: string } }).notice.id : null,
				() => null
			)
		);
		// Let the first requests reach the server, then ask it to stop.
		await inFlight[0];
		const exit = server.stop();
		const acked = (await Promise.all(inFlight)).filter((id): id is string => id !== null);
		expect(await exit).toBe(0);
		expect(acked.length).toBeGreaterThan(0);

		const again = await startServer({ dataDir: server.dataDir });
		started.push(again);
		const live = (await (await fetch(`${again.url}/api/notices`)).json()) as {
			notices: { id: string }[];
		};
		const ids = new Set(live.notices.map((n) => n.id));
		for (const id of acked) expect(ids.has(id), id).toBe(true);
	});
});
