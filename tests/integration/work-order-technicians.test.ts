import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	demoStaffPassword,
	login,
	removeDir,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer();
	admin = await login(server);
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

const read = <T>(file: string) => JSON.parse(readFileSync(join(server.dataDir, file), 'utf8')) as T;

/** A desk form action posted as the enhanced form does; its JSON answer. */
async function action(cookie: string, path: string, fields: Record<string, string>) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields)
	});
	return (await res.json()) as { type: string; location?: string };
}

/** Everything the desk sends a person for one order: the page and its data. */
async function orderAsSeenBy(cookie: string, id: string): Promise<string> {
	const q = `id=${encodeURIComponent(id)}`;
	const page = await fetch(`${server.url}/desk/workorders?${q}`, { headers: { cookie } });
	expect(page.status).toBe(200);
	const data = await fetch(`${server.url}/desk/workorders/__data.json?${q}`, {
		headers: { cookie }
	});
	return (await page.text()) + (await data.text());
}

it('a technician sees the reporter’s phones and words on their own order only, not on another’s', async () => {
	const unitId = '3-1-601';
	const text = '卫生间天花板漏水，滴到灯上了';
	const reported = await action(admin, '/desk/workorders?/submit', {
		category: 'repair',
		where: 'unit',
		unitId,
		text,
		phoneTail: '7788'
	});
	expect(reported.type).toBe('redirect');
	const id = new URL(reported.location!, server.url).searchParams.get('id')!;
	const staff = read<{ staff: { id: string; username: string }[] }>('staff.json').staff;
	const idOf = (username: string) => staff.find((s) => s.username === username)!.id;
	expect((await action(admin, '/desk/workorders?/act', { id, action: 'accept' })).type).toBe(
		'success'
	);
	const dispatched = await action(admin, '/desk/workorders?/act', {
		id,
		action: 'dispatch',
		technicianId: idOf('tech1')
	});
	expect(dispatched.type).toBe('success');

	const phones = read<{ residents: { unitId: string; phone: string }[] }>('site.json')
		.residents.filter((r) => r.unitId === unitId)
		.map((r) => r.phone);
	expect(phones.length).toBeGreaterThan(0);
	const password = demoStaffPassword(server);

	const own = await orderAsSeenBy(await login(server, 'tech1', password), id);
	expect(own).toContain(text);
	for (const phone of phones) expect(own).toContain(phone);
	expect(own).toContain('"7788"');

	const other = await orderAsSeenBy(await login(server, 'tech2', password), id);
	expect(other).not.toContain(text);
	for (const phone of phones) expect(other).not.toContain(phone);
	expect(other).not.toContain('"7788"');
	// Still the order itself: where and what, to know the work exists.
	expect(other).toContain('601');

	// A dispatcher runs every order and sees all of it.
	const dispatcher = await orderAsSeenBy(await login(server, 'dispatcher', password), id);
	expect(dispatcher).toContain(text);
});
