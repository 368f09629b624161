import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicSnapshot } from '../../src/lib/realtime/events';
import {
	api,
	demoStaffPassword,
	login,
	next,
	removeDir,
	socket,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
	server = await startServer();
	cookie = await login(server);
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

describe('public sockets (kiosks and displays)', () => {
	it('get a full snapshot on connect and every later push with the next version', async () => {
		const s = socket(server, '/public');
		const snapshot = next<PublicSnapshot>(s, 'snapshot');
		s.connect();
		const first = await snapshot;
		expect(first.site.name).toBe('翠湖花园物业服务中心');
		expect(first.version).toBeGreaterThanOrEqual(0);

		const pushed = next<Record<string, unknown>>(s, 'notice:published');
		const res = await api(server, cookie, 'POST', '/api/notices', {
			title: '停水通知',
			body: '周六 9:00–12:00'
		});
		expect(res.status).toBe(201);
		const push = await pushed;
		expect(push).toMatchObject({
			title: '停水通知',
			epoch: first.epoch,
			version: first.version + 1
		});
		// Redacted on the server: who published it is staff business.
		expect(Object.keys(push).sort()).toEqual([
			'at',
			'body',
			'epoch',
			'id',
			'level',
			'title',
			'version'
		]);
		s.disconnect();
	});

	it('answer snapshot:get with the current state so a client that missed a push can re-sync', async () => {
		const s = socket(server, '/public');
		const first = next<PublicSnapshot>(s, 'snapshot');
		s.connect();
		await first;
		await api(server, cookie, 'POST', '/api/notices', { title: '再同步' });
		const fresh = await s.timeout(5000).emitWithAck('snapshot:get');
		expect((fresh as PublicSnapshot).notices.map((n) => n.title)).toContain('再同步');
		s.disconnect();
	});

	it('cannot change anything, whatever they send', async () => {
		const s = socket(server, '/public');
		const snap = next<PublicSnapshot>(s, 'snapshot');
		s.connect();
		const before = await snap;
		for (const event of ['notice:publish', 'notice:published', 'notice:cleared', 'site:updated']) {
			s.emit(event, { id: before.notices[0]?.id, title: 'HACKED', level: 'emergency' });
		}
		const after = (await s.timeout(5000).emitWithAck('snapshot:get')) as PublicSnapshot;
		expect(after.notices).toEqual(before.notices);
		expect(after.version).toBe(before.version);
		s.disconnect();
	});
});

describe('desk sockets (staff)', () => {
	it('are refused without a session', async () => {
		const s = socket(server, '/desk', { origin: server.url });
		const refused = next<Error>(s, 'connect_error');
		s.connect();
		expect((await refused).message).toBe('unauthorized');
	});

	it('are refused from a foreign origin even with a valid session', async () => {
		const s = socket(server, '/desk', { origin: 'http://evil.example', cookie });
		const refused = next<Error>(s, 'connect_error');
		s.connect();
		expect((await refused).message).toBe('forbidden origin');
	});

	it('get a snapshot with the staff member, and are disconnected when that session logs out', async () => {
		const mine = await login(server);
		const s = socket(server, '/desk', { origin: server.url, cookie: mine });
		const snap = next<{ me: { displayName: string; roles: string[] } }>(s, 'snapshot');
		s.connect();
		expect((await snap).me).toMatchObject({ displayName: '系统管理员', roles: ['admin'] });

		const other = socket(server, '/desk', { origin: server.url, cookie });
		const otherSnap = next(other, 'snapshot');
		other.connect();
		await otherSnap;

		const dropped = next<string>(s, 'disconnect');
		const res = await api(server, mine, 'DELETE', '/api/session');
		expect(res.status).toBe(204);
		expect(await dropped).toBe('io server disconnect');
		// Another person's session stays connected.
		expect(other.connected).toBe(true);
		other.disconnect();
	});
});

describe('desk requests over the socket', () => {
	/** A connected desk socket for `who`'s session. */
	async function desk(who: string) {
		const s = socket(server, '/desk', { origin: server.url, cookie: who });
		const snap = next(s, 'snapshot');
		s.connect();
		await snap;
		return s;
	}

	it('publish a notice: acked once stored, pushed to every public screen, audited like the form', async () => {
		const screen = socket(server, '/public');
		const ready = next(screen, 'snapshot');
		screen.connect();
		await ready;
		const pushed = next<{ title: string }>(screen, 'notice:published');
		const s = await desk(cookie);
		const answer = (await s
			.timeout(5000)
			.emitWithAck('notice:publish', { level: 'urgent', title: '电梯检修', body: '2号梯' })) as {
			ok: boolean;
			notice: { id: string; title: string; createdBy: string };
		};
		expect(answer).toMatchObject({ ok: true, notice: { title: '电梯检修', createdBy: 'admin' } });
		expect((await pushed).title).toBe('电梯检修');
		const live = (await (await fetch(`${server.url}/api/notices`)).json()) as {
			notices: { id: string }[];
		};
		expect(live.notices.map((n) => n.id)).toContain(answer.notice.id);
		const audit = await (await fetch(`${server.url}/desk/audit`, { headers: { cookie } })).text();
		// The activity log names the action and the notice in words (its title), not by key or id.
		expect(audit).toContain('发布公告');
		expect(audit).toContain('电梯检修');
		s.disconnect();
		screen.disconnect();
	});

	it('refuse a notice from staff whose roles do not allow it, and an empty one, in words; nothing is stored', async () => {
		const tech = await login(server, 'tech1', demoStaffPassword(server));
		const before = ((await (await fetch(`${server.url}/api/notices`)).json()) as { notices: [] })
			.notices.length;
		const t = await desk(tech);
		expect(
			await t
				.timeout(5000)
				.emitWithAck('notice:publish', { level: 'normal', title: '越权', body: '' })
		).toMatchObject({
			ok: false,
			problem: { key: 'error.forbidden', message: '您的角色无权执行此操作' }
		});
		t.disconnect();
		const s = await desk(cookie);
		const empty = (await s
			.timeout(5000)
			.emitWithAck('notice:publish', { level: 'normal', title: '', body: '' })) as {
			ok: boolean;
			problem: { fields: Record<string, string> };
		};
		expect(empty.ok).toBe(false);
		expect(empty.problem.fields.title).toBeTruthy();
		s.disconnect();
		const after = ((await (await fetch(`${server.url}/api/notices`)).json()) as { notices: [] })
			.notices.length;
		expect(after).toBe(before);
	});
});

describe('health', () => {
	it('reports version, store state and connected clients to an admin', async () => {
		const s = socket(server, '/public');
		const snap = next(s, 'snapshot');
		s.connect();
		await snap;
		const health = (await (
			await fetch(`${server.url}/api/health?detail`, { headers: { cookie } })
		).json()) as Record<string, unknown>;
		expect(health).toMatchObject({ status: 'ok', version: '0.1.0', store: { state: 'open' } });
		expect((health.clients as { public: number }).public).toBeGreaterThanOrEqual(1);
		s.disconnect();
	});
});
