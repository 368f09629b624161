import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_ROOM_POLICY } from '$lib/domain/booking';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { AuditService } from '../audit/audit';
import { hashPassword } from '../staff/password';
import { Store } from '../store/store';
import { RoomSettings } from './settings';

const staff = { id: 'm1', username: 'manager' };
const from = { address: '10.0.0.9', roomId: 'room-1' };
let dir: string;
let clock: ManualClock;

async function open(before?: (store: Store) => Promise<void>) {
	const store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	await before?.(store);
	const audit = await AuditService.open(store);
	return { store, rooms: await RoomSettings.open(store, { audit, clock }) };
}

/** What rooms.json holds now. */
async function stored(store: Store): Promise<string | null> {
	const doc = await store.doc<{ pinHash: string | null }>('rooms', {
		defaults: { pinHash: null },
		parse: (d) => d as { pinHash: string | null }
	});
	return doc.data.pinHash;
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-room-settings-'));
	clock = new ManualClock('2026-11-26T02:00:00.000Z');
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

it('keeps the PIN as a keyed digest and checks it: the right one passes, a wrong one is 403', async () => {
	const { store, rooms } = await open();
	await rooms.setPin(staff, '2468');
	await expect(rooms.checkPin('2468', from)).resolves.toBeUndefined();
	await expect(rooms.checkPin('2469', from)).rejects.toMatchObject({ key: 'error.pinWrong' });
	await store.close();
	expect(await stored(store)).toMatch(/^hmac-sha256\$/);
	expect(await stored(store)).not.toContain('2468');
});

it('the digest is keyed per server: the same PIN on another server stores differently', async () => {
	const a = await open();
	await a.rooms.setPin(staff, '2468');
	const first = await stored(a.store);
	await a.store.close();
	await rm(dir, { recursive: true, force: true });
	dir = await mkdtemp(join(tmpdir(), 'foyer-room-settings-'));
	const b = await open();
	await b.rooms.setPin(staff, '2468');
	expect(await stored(b.store)).not.toBe(first);
	await b.store.close();
});

it('a scrypt hash from an older version still opens the panel, and is re-stored as a digest', async () => {
	const old = await hashPassword('13579');
	const { store, rooms } = await open(async (s) => {
		const doc = await s.doc<Record<string, unknown>>('rooms', {
			defaults: {},
			parse: (d) => d as Record<string, unknown>
		});
		await doc.update((d) => void Object.assign(d, { policy: DEFAULT_ROOM_POLICY, pinHash: old }));
	});
	await expect(rooms.checkPin('97531', from)).rejects.toMatchObject({ key: 'error.pinWrong' });
	await expect(rooms.checkPin('13579', from)).resolves.toBeUndefined();
	expect(await stored(store)).toMatch(/^hmac-sha256\$/);
	await expect(rooms.checkPin('13579', from)).resolves.toBeUndefined();
	await store.close();
}, 60_000); // three scrypt hashes at password strength, on a shared machine
