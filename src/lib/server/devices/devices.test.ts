import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOARDS } from '$lib/domain/boards';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { DomainEventBus } from '../events';
import { Store } from '../store/store';
import { AuditService } from '../audit/audit';
import { RequestLimits } from '../http/request-limits';
import { DeviceService } from './devices';

const admin = { id: 'a', username: 'admin' };
let screens = 0;
/** A new screen's address: each call another one, as when screens are set up one by one. */
const client = () => {
	const address = `192.168.1.${++screens}`;
	return () => address;
};
let dir: string;
let store: Store;
let clock: ManualClock;
let events: DomainEventBus;

async function open() {
	store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	return DeviceService.open(store, {
		clock,
		audit: await AuditService.open(store),
		events,
		boards: BOARDS,
		printerIds: () => ['front-desk', 'kiosk-1'],
		roomIds: () => ['room-1'],
		limits: new RequestLimits(clock)
	});
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-devices-'));
	clock = new ManualClock('2026-11-26T01:00:00Z');
	events = new DomainEventBus();
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('pairing a screen', () => {
	it('gives a new screen a six-digit code and a token that stays valid across a restart', async () => {
		const devices = await open();
		const { token, device } = await devices.requestPairing('display', client());
		expect(device.code).toMatch(/^\d{6}$/);
		const told: string[] = [];
		events.on('device:changed', (d) => told.push(`${d.name}:${d.board}`));
		await devices.approve(admin, device.code!, { name: '大堂屏', board: 'queue' });
		expect(told).toEqual(['大堂屏:queue']);
		await store.close();
		const again = await open();
		expect(again.byToken(token)).toMatchObject({
			status: 'approved',
			name: '大堂屏',
			board: 'queue',
			code: null
		});
		expect(again.byToken('someone-elses-token')).toBeUndefined();
	});

	it('refuses a wrong or expired code, and a display without a board', async () => {
		const devices = await open();
		const { token, device } = await devices.requestPairing('display', client());
		await expect(devices.approve(admin, device.code!, { name: '屏' })).rejects.toMatchObject({
			key: 'error.deviceBoard'
		});
		await expect(
			devices.approve(admin, device.code!, { name: '屏', board: 'nope' })
		).rejects.toMatchObject({
			key: 'error.deviceBoard'
		});
		const wrong = device.code === '000000' ? '000001' : '000000';
		await expect(
			devices.approve(admin, wrong, { name: '屏', board: 'queue' })
		).rejects.toMatchObject({
			key: 'error.pairingCode'
		});
		clock.advance(61 * 60_000);
		await expect(
			devices.approve(admin, device.code!, { name: '屏', board: 'queue' })
		).rejects.toMatchObject({
			key: 'error.pairingCode'
		});
		expect(devices.list()).toEqual([]);
		// The screen still holding that code is told it is unknown, so it asks for a new one.
		expect(devices.byToken(token)).toBeUndefined();
	});

	it('a rejected screen’s token no longer counts', async () => {
		const devices = await open();
		const { token, device } = await devices.requestPairing('kiosk', client());
		await devices.reject(admin, device.id);
		expect(devices.byToken(token)).toBeUndefined();
	});

	it('limits how many screens may wait at once', async () => {
		const devices = await open();
		for (let i = 0; i < 20; i++) await devices.requestPairing('display', client());
		await expect(devices.requestPairing('display', client())).rejects.toMatchObject({
			key: 'error.tooManyPairings'
		});
		await expect(devices.requestPairing('toaster', client())).rejects.toThrow();
	});

	it('limits how often one address asks for a code, not the others', async () => {
		const devices = await open();
		const looping = client();
		for (let i = 0; i < 5; i++) await devices.requestPairing('kiosk', looping);
		await expect(devices.requestPairing('kiosk', looping)).rejects.toMatchObject({
			key: 'error.tooManyRequests',
			status: 429
		});
		// Another screen still pairs; the looping one again once ten minutes have passed.
		await devices.requestPairing('kiosk', client());
		clock.advance(10 * 60_000);
		await devices.requestPairing('kiosk', looping);
	});
});
