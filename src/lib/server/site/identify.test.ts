import { describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { demoSite } from '../seed';
import { IdentifyService } from './identify';
import type { SiteService } from './site';

function setup() {
	const clock = new ManualClock();
	const site = { site: demoSite() } as SiteService;
	const resident = site.site.residents.find((r) => r.unitId === '3-2-1001')!;
	return { clock, service: new IdentifyService({ clock, site }), resident };
}

describe('kiosk identification', () => {
	it('accepts a unit with the last 4 digits of its phone and shows only masked details', () => {
		const { service, resident } = setup();
		const visit = service.identify(
			{ building: '3', entrance: '2', room: '1001', phoneTail: resident.phone.slice(-4) },
			'kiosk-a'
		);
		expect(visit.unitLabel).toBe('3栋2单元**01');
		expect(visit.residentName).toBe(resident.name[0] + '**');
		expect(visit.residentName).not.toContain(resident.name.slice(1));
		expect(service.unitOf(visit.token)).toBe('3-2-1001');
	});

	it('ends a visit when the kiosk says so: its token proves nothing afterwards', () => {
		const { service, resident } = setup();
		const visit = service.identify(
			{ building: '3', entrance: '2', room: '1001', phoneTail: resident.phone.slice(-4) },
			'kiosk-a'
		);
		service.end(visit.token);
		expect(service.unitOf(visit.token)).toBeNull();
		// Ending twice, or a token that never was, is harmless.
		expect(() => service.end(visit.token)).not.toThrow();
		expect(() => service.end(42)).not.toThrow();
	});

	it('answers a wrong tail and an unknown unit alike, so the kiosk does not tell which units exist', () => {
		const { service } = setup();
		const wrong = () =>
			service.identify({ building: '3', entrance: '2', room: '1001', phoneTail: '0000' }, 'k');
		const unknown = () =>
			service.identify({ building: '9', entrance: '9', room: '999', phoneTail: '0000' }, 'k');
		expect(wrong).toThrow(expect.objectContaining({ key: 'error.identifyFailed' }));
		expect(unknown).toThrow(expect.objectContaining({ key: 'error.identifyFailed' }));
	});

	it('locks a unit after 5 wrong tails, even from different kiosks, for 15 minutes', () => {
		const { service, resident, clock } = setup();
		const attempt = (tail: string, kiosk: string) =>
			service.identify({ building: '3', entrance: '2', room: '1001', phoneTail: tail }, kiosk);
		for (let i = 0; i < 5; i++) expect(() => attempt('0000', `k${i}`)).toThrow();
		expect(() => attempt(resident.phone.slice(-4), 'k9')).toThrow(
			expect.objectContaining({ key: 'error.identifyLocked', values: { minutes: 15 } })
		);
		clock.advance(15 * 60_000);
		expect(attempt(resident.phone.slice(-4), 'k9').unitLabel).toBe('3栋2单元**01');
	});

	it('locks a kiosk that tries many units', () => {
		const { service } = setup();
		for (let i = 0; i < 20; i++) {
			expect(() =>
				service.identify(
					{ building: '1', entrance: '1', room: `${100 + i}`, phoneTail: '0000' },
					'k'
				)
			).toThrow(expect.objectContaining({ key: 'error.identifyFailed' }));
		}
		expect(() =>
			service.identify({ building: '1', entrance: '1', room: '101', phoneTail: '0000' }, 'k')
		).toThrow(expect.objectContaining({ key: 'error.identifyLocked' }));
	});

	it('forgets a visit after 10 minutes without use', () => {
		const { service, resident, clock } = setup();
		const { token } = service.identify(
			{ building: '3', entrance: '2', room: '1001', phoneTail: resident.phone.slice(-4) },
			'k'
		);
		clock.advance(9 * 60_000);
		expect(service.unitOf(token)).toBe('3-2-1001');
		clock.advance(10 * 60_000 + 1);
		expect(service.unitOf(token)).toBeNull();
		expect(service.unitOf('made-up')).toBeNull();
	});
});
