import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { demoSite } from '../seed';
import { Store } from '../store/store';
import { IdentifyService } from './identify';
import type { SiteService } from './site';

const opened: { store: Store; dir: string }[] = [];
afterEach(async () => {
	for (const { store, dir } of opened.splice(0)) {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	}
});

async function setup() {
	const clock = new ManualClock();
	const site = { site: demoSite() } as SiteService;
	const resident = site.site.residents.find((r) => r.unitId === '3-2-1001')!;
	const dir = await mkdtemp(join(tmpdir(), 'foyer-identify-'));
	const store = await Store.open({ dir, clock, timeZone: () => 'Asia/Shanghai' });
	opened.push({ store, dir });
	return { clock, service: await IdentifyService.open(store, { clock, site }), resident };
}

describe('kiosk identification', () => {
	it('accepts a unit with the last 4 digits of its phone and shows only masked details', async () => {
		const { service, resident } = await setup();
		const visit = await service.identify(
			{ building: '3', entrance: '2', room: '1001', phoneTail: resident.phone.slice(-4) },
			'kiosk-a'
		);
		expect(visit.unitLabel).toBe('3栋2单元**01');
		expect(visit.residentName).toBe(resident.name[0] + '**');
		expect(visit.residentName).not.toContain(resident.name.slice(1));
		expect(await service.unitOf(visit.token)).toBe('3-2-1001');
	});

	it('ends a visit when the kiosk says so: its token proves nothing afterwards', async () => {
		const { service, resident } = await setup();
		const visit = await service.identify(
			{ building: '3', entrance: '2', room: '1001', phoneTail: resident.phone.slice(-4) },
			'kiosk-a'
		);
		await service.end(visit.token);
		expect(await service.unitOf(visit.token)).toBeNull();
		// Ending twice, or a token that never was, is harmless.
		await expect(service.end(visit.token)).resolves.toBeUndefined();
		await expect(service.end(42)).resolves.toBeUndefined();
	});

	it('answers a wrong tail and an unknown unit alike, so the kiosk does not tell which units exist', async () => {
		const { service } = await setup();
		const wrong = () =>
			service.identify({ building: '3', entrance: '2', room: '1001', phoneTail: '0000' }, 'k');
		const unknown = () =>
			service.identify({ building: '9', entrance: '9', room: '999', phoneTail: '0000' }, 'k');
		await expect(wrong()).rejects.toThrow(expect.objectContaining({ key: 'error.identifyFailed' }));
		await expect(unknown()).rejects.toThrow(
			expect.objectContaining({ key: 'error.identifyFailed' })
		);
	});

	it('locks a unit after 5 wrong tails, even from different kiosks, for 15 minutes', async () => {
		const { service, resident, clock } = await setup();
		const attempt = (tail: string, kiosk: string) =>
			service.identify({ building: '3', entrance: '2', room: '1001', phoneTail: tail }, kiosk);
		for (let i = 0; i < 5; i++) await expect(attempt('0000', `k${i}`)).rejects.toThrow();
		await expect(attempt(resident.phone.slice(-4), 'k9')).rejects.toThrow(
			expect.objectContaining({ key: 'error.identifyLocked', values: { minutes: 15 } })
		);
		clock.advance(15 * 60_000);
		expect((await attempt(resident.phone.slice(-4), 'k9')).unitLabel).toBe('3栋2单元**01');
	});

	it('locks a kiosk that tries many units', async () => {
		const { service } = await setup();
		for (let i = 0; i < 20; i++) {
			await expect(
				service.identify(
					{ building: '1', entrance: '1', room: `${100 + i}`, phoneTail: '0000' },
					'k'
				)
			).rejects.toThrow(expect.objectContaining({ key: 'error.identifyFailed' }));
		}
		await expect(
			service.identify({ building: '1', entrance: '1', room: '101', phoneTail: '0000' }, 'k')
		).rejects.toThrow(expect.objectContaining({ key: 'error.identifyLocked' }));
	});

	it('forgets a visit after 10 minutes without use', async () => {
		const { service, resident, clock } = await setup();
		const { token } = await service.identify(
			{ building: '3', entrance: '2', room: '1001', phoneTail: resident.phone.slice(-4) },
			'k'
		);
		clock.advance(9 * 60_000);
		expect(await service.unitOf(token)).toBe('3-2-1001');
		clock.advance(10 * 60_000 + 1);
		expect(await service.unitOf(token)).toBeNull();
		expect(await service.unitOf('made-up')).toBeNull();
	});
});
