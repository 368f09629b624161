import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	demoStaffPassword,
	login,
	removeDir,
	socket,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let admin: string;
let frontdesk: string;

beforeAll(async () => {
	server = await startServer();
	admin = await login(server);
	frontdesk = await login(server, 'frontdesk', demoStaffPassword(server));
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

/** A desk form action as `use:enhance` posts it; the answer's type, status and raw data. */
async function action(cookie: string, path: string, fields: Record<string, string>) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			cookie,
			'x-sveltekit-action': 'true',
			accept: 'application/json'
		},
		body: new URLSearchParams(fields)
	});
	const body = (await res.json()) as { type: string; status?: number; data?: string };
	return { ...body, text: body.data ?? '' };
}

const site = () =>
	JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
		units: { id: string; areaCentiM2: number; active: boolean }[];
		residents: {
			id: string;
			unitId: string;
			phone: string;
			active: boolean;
			moveOut: string | null;
		}[];
	};

describe('site records at the desk', () => {
	it('refuses a taken unit number, an area ≤ 0 and a bad phone, next to the field', async () => {
		const taken = await action(admin, '/desk/site/units?/add', {
			building: '1',
			entrance: '1',
			room: '101',
			area: '80',
			use: 'residential',
			state: 'occupied'
		});
		expect(taken).toMatchObject({ type: 'failure', status: 409 });
		expect(taken.text).toContain('房号 1-1-101 已存在');
		expect(taken.text).toContain('"room"');

		const area = await action(admin, '/desk/site/units?/add', {
			building: '1',
			entrance: '1',
			room: '9901',
			area: '0',
			use: 'residential',
			state: 'occupied'
		});
		expect(area).toMatchObject({ type: 'failure', status: 400 });
		expect(area.text).toContain('面积应大于 0');

		const phone = await action(admin, '/desk/site/residents?/add', {
			unitId: '1-1-101',
			name: '新住户',
			phones: '1380013800',
			kind: 'tenant',
			moveIn: '',
			moveOut: ''
		});
		expect(phone).toMatchObject({ type: 'failure', status: 400 });
		expect(phone.text).toContain('手机号应为 11 位数字');
		expect(site().units.some((u) => u.id === '1-1-9901')).toBe(false);
	});

	it('lets the front desk add and move out residents, but not add units', async () => {
		const desk = socket(server, '/desk', { cookie: admin, origin: server.url });
		desk.connect();
		await new Promise((r) => desk.once('snapshot', r));
		const pushed = new Promise((r) => desk.once('site:updated', r));
		const added = await action(frontdesk, '/desk/site/residents?/add', {
			unitId: '1-1-101',
			name: '李新',
			phones: '13600001111, 13600002222',
			kind: 'family',
			moveIn: '2026年3月1日',
			moveOut: ''
		});
		expect(added.type).toBe('success');
		await pushed; // another desk hears of it (its list reloads)
		desk.disconnect();
		const r = site().residents.find((x) => x.phone === '13600001111')!;
		expect(r).toMatchObject({ unitId: '1-1-101', active: true });

		const out = await action(frontdesk, '/desk/site/residents?/active', { id: r.id, active: '0' });
		expect(out.type).toBe('success');
		// Moved out: kept, with the date, no longer active.
		expect(site().residents.find((x) => x.id === r.id)).toMatchObject({
			active: false,
			moveOut: expect.any(String)
		});

		const unit = await action(frontdesk, '/desk/site/units?/add', {
			building: '1',
			entrance: '1',
			room: '9902',
			area: '80',
			use: 'residential',
			state: 'occupied'
		});
		expect(unit).toMatchObject({ type: 'failure', status: 403 });
		const page = await fetch(`${server.url}/desk/site/units`, { headers: { cookie: frontdesk } });
		expect(page.status).toBe(403);
	});

	it('deactivates a unit instead of deleting it, and the audit log names who', async () => {
		const off = await action(admin, '/desk/site/units?/active', { id: '1-1-102', active: '0' });
		expect(off.type).toBe('success');
		expect(site().units.find((u) => u.id === '1-1-102')).toMatchObject({ active: false });
		const list = await fetch(`${server.url}/desk/site/units?q=1-1-10`, {
			headers: { cookie: admin }
		});
		expect(await list.text()).not.toContain('>1-1-102<');
		const all = await fetch(`${server.url}/desk/site/units?q=1-1-10&all=1`, {
			headers: { cookie: admin }
		});
		expect(await all.text()).toContain('1-1-102');
		const audit = await fetch(`${server.url}/desk/audit`, { headers: { cookie: admin } });
		// In words (资料已停用), not as the key.
		expect(await audit.text()).toContain('资料已停用');
	});

	it('a new price takes effect from its date as a new version; the old one ends the day before', async () => {
		const v2 = await action(admin, '/desk/site/fees?/add', {
			name: '物业服务费',
			nameEn: 'Property fee',
			kind: 'perArea',
			price: '2.80',
			validFrom: '2027-01-01',
			validTo: ''
		});
		expect(v2.type).toBe('success');
		const std = (
			JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
				feeStandards: {
					name: string;
					priceFen: number;
					validFrom: string | null;
					validTo: string | null;
				}[];
			}
		).feeStandards.filter((s) => s.name === '物业服务费');
		expect(std).toEqual([
			expect.objectContaining({ priceFen: 250, validTo: '2026-12-31' }),
			expect.objectContaining({ priceFen: 280, validFrom: '2027-01-01', validTo: null })
		]);
	});
});
