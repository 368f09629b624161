import { describe, expect, it } from 'vitest';
import { goLiveChecklist, readyToGoLive, type GoLiveFacts } from './go-live';

const empty: GoLiveFacts = {
	buildings: 2,
	units: 0,
	residentsWithPhone: 0,
	feeStandards: 0,
	counters: 2,
	rooms: 0,
	billsIssued: 0,
	realProvider: false,
	kiosks: 0,
	realPrinters: 0
};

describe('go-live checklist', () => {
	it('a site fresh from the walk-through lists everything still missing before the kiosk takes payments', () => {
		const items = goLiveChecklist(empty);
		expect(items.filter((i) => !i.ok).map((i) => i.id)).toEqual([
			'units',
			'residents',
			'fees',
			'rooms',
			'bills',
			'provider',
			'kiosk',
			'printer'
		]);
		expect(readyToGoLive(items)).toBe(false);
	});

	it('is ready when every required step is done, rooms or not', () => {
		const items = goLiveChecklist({
			...empty,
			units: 2000,
			residentsWithPhone: 3900,
			feeStandards: 3,
			billsIssued: 6000,
			realProvider: true,
			kiosks: 1,
			realPrinters: 1
		});
		expect(items.find((i) => i.id === 'rooms')).toMatchObject({ ok: false, required: false });
		expect(readyToGoLive(items)).toBe(true);
	});
});
