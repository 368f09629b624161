import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	INHERITED_ACTIONS,
	JSON_SHAPES,
	formShapes,
	hostileBodies,
	rawPost,
	sameConnection,
	snapshot,
	type Shape
} from '../helpers/fuzz';
import { routes } from '../helpers/routes';
import { login, removeDir, startServer, type RunningServer } from '../helpers/server';

/**
 * Malformed requests from outside, to every endpoint and every form action the route files
 * declare, signed in as admin and not: each must be a 4xx, none may store anything, and none
 * may leave a stack trace in the log (those are for bugs). A small body limit keeps the
 * over-limit bodies cheap.
 */
const LIMIT = 256 * 1024;
const { endpoints, pages } = routes();
const actions = pages.flatMap((p) =>
	p.actions.map((a) => ({ page: p.path, url: a === 'default' ? p.path : `${p.path}?/${a}` }))
);

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer({ env: { BODY_SIZE_LIMIT: '256K' } });
	admin = await login(server);
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

interface Answer {
	what: string;
	status: number;
	text: string;
}

async function send(method: string, path: string, shape: Shape, cookie?: string): Promise<Answer> {
	const headers: Record<string, string> = { origin: server.url, ...shape.headers };
	if (shape.type) headers['content-type'] = shape.type;
	if (cookie) headers.cookie = cookie;
	const res = await fetch(`${server.url}${path}`, {
		method,
		headers,
		body: shape.body,
		redirect: 'manual'
	});
	const who = cookie ? 'admin' : 'anonymous';
	return {
		what: `${method} ${path} (${shape.name}, ${who})`,
		status: res.status,
		text: await res.text()
	};
}

/** Every request of `list` as admin and anonymously; the answers that are not a 4xx. */
async function not4xx(list: [method: string, path: string, shape: Shape][]): Promise<string[]> {
	const bad: string[] = [];
	for (const cookie of [admin, undefined]) {
		for (const [method, path, shape] of list) {
			const a = await send(method, path, shape, cookie);
			if (a.status < 400 || a.status >= 500)
				bad.push(`${a.what} → ${a.status} ${a.text.slice(0, 120)}`);
		}
	}
	return bad;
}

const tooLarge = (type: string): Shape => ({
	name: 'over the limit',
	type,
	body: 'a'.repeat(LIMIT + 1024)
});

describe('malformed requests', () => {
	it('covers every route the files declare', () => {
		expect(endpoints.length).toBeGreaterThanOrEqual(20);
		expect(actions.length).toBeGreaterThanOrEqual(40);
	});

	it('are refused with a 4xx everywhere, store nothing and log no stack', async () => {
		const before = await snapshot(server.dataDir);
		const logBefore = server.output().length;
		const bodies = [...JSON_SHAPES, ...hostileBodies('room-1'), tooLarge('application/json')];
		// POST everywhere (a GET-only path answers 405); DELETE where that is all a path takes.
		// Not DELETE /api/session: it takes no body and would log the admin out.
		const json = endpoints.flatMap((e) =>
			bodies.map((b): [string, string, Shape] => [
				e.methods.includes('DELETE') && !e.methods.includes('POST') ? 'DELETE' : 'POST',
				e.path,
				b
			])
		);
		const forms = actions.flatMap(({ url }) =>
			[...formShapes(), tooLarge('application/x-www-form-urlencoded')].map(
				(s): [string, string, Shape] => ['POST', url, s]
			)
		);
		const inherited = pages.flatMap((p) =>
			INHERITED_ACTIONS.map((name): [string, string, Shape] => [
				'POST',
				`${p.path}?/${name}`,
				{ name: 'inherited action', type: 'application/x-www-form-urlencoded', body: 'a=1' }
			])
		);
		const all = [...json, ...forms, ...inherited];
		expect(await not4xx(all)).toEqual([]);
		// Every request was sent twice: as admin and anonymously.
		console.log(
			`fuzz: ${all.length * 2} requests, ${endpoints.length} endpoints, ${actions.length} actions`
		);

		expect(await snapshot(server.dataDir)).toEqual(before);
		expect(server.output().slice(logBefore)).not.toMatch(/^\s+at /m);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
	});

	it('says what was wrong, translated, with its key', async () => {
		const problem = async (a: Promise<Answer>) => {
			const r = await a;
			return {
				status: r.status,
				key: (JSON.parse(r.text) as { error: { key: string } }).error.key
			};
		};
		const post = (path: string, shape: Shape, headers: Record<string, string> = {}) =>
			send('POST', path, { ...shape, headers: { accept: 'application/json', ...headers } });
		const json = (name: string) => JSON_SHAPES.find((s) => s.name === name)!;
		expect(await problem(post('/api/track', json('null')))).toEqual({
			status: 400,
			key: 'error.badJson'
		});
		expect(await problem(post('/api/track', json('arrays 100 deep')))).toEqual({
			status: 400,
			key: 'error.badJson'
		});
		expect(await problem(post('/api/track', json('text/plain')))).toEqual({
			status: 415,
			key: 'error.unsupportedMediaType'
		});
		expect(await problem(post('/api/track', tooLarge('application/json')))).toEqual({
			status: 413,
			key: 'error.bodyTooLarge'
		});
		const objects = hostileBodies('room-1')[0]!;
		const track = await problem(post('/api/track', objects));
		expect(track).toEqual({ status: 400, key: 'error.invalid' });

		const form = { name: 'form', type: 'application/x-www-form-urlencoded', body: 'a=1' };
		expect(await problem(post('/track?/constructor', form))).toEqual({
			status: 404,
			key: 'error.noSuchAction'
		});
		const english = await send('POST', '/track?/toString&lang=en', form);
		expect(english.status).toBe(404);
		expect(english.text).toBe('This form action does not exist');
		const plain = await send('POST', '/track', { ...form, type: 'text/plain' });
		expect(plain).toMatchObject({ status: 415, text: '此处不接受这种请求内容' });
		const broken = formShapes().find((s) => s.name.includes('enhanced'))!;
		const enhanced = JSON.parse((await send('POST', '/track', broken)).text) as unknown;
		expect(enhanced).toEqual({
			type: 'error',
			error: { key: 'error.badForm', message: '无法读取表单内容' }
		});
	});

	it('a page that only takes a form redirects a GET', async () => {
		for (const path of ['/desk/lang', '/desk/logout']) {
			const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
			expect(res.status).toBe(303);
		}
	});
});

describe('a keep-alive connection after an early answer', () => {
	const big = 200 * 1024;
	it.each([
		['/api/notices without a session', '/api/notices', 'application/json', 401],
		['a page with no form actions', '/kiosk', 'application/x-www-form-urlencoded', 405],
		[
			'a form action without a session',
			'/desk/notices?/publish',
			'application/x-www-form-urlencoded',
			401
		],
		['a body over the limit', '/api/track', 'application/json', 413]
	])('answers the next request: %s', async (_, path, type, status) => {
		const size = status === 413 ? LIMIT * 2 : big;
		const r = await sameConnection(server.port, rawPost(server.port, path, type, size));
		expect(r).toEqual({ first: status, second: 200 });
	});
});
