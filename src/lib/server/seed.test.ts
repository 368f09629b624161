import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { AuditService } from './audit/audit';
import { DomainEventBus } from './events';
import { seedStaff } from './seed';
import { verifyPassword } from './staff/password';
import { StaffService } from './staff/staff';
import { Store } from './store/store';

let dir: string;
let store: Store;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-seed-'));
	store = await Store.open({ dir, clock: new ManualClock(), timeZone: () => DEFAULT_TIME_ZONE });
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('the demo staff', () => {
	it('share a password but not a hash: each account has its own salt', async () => {
		const clock = new ManualClock();
		const events = new DomainEventBus();
		const staff = await StaffService.open(store, {
			clock,
			audit: await AuditService.open(store),
			events
		});
		await seedStaff(staff, { admin: 'admin-password-1', staff: 'demo-password-1' });
		const cashier = staff.byUsername('cashier')!;
		const manager = staff.byUsername('manager')!;
		expect(cashier.passwordHash).not.toBe(manager.passwordHash);
		const all = new Set(staff.list().map((s) => staff.byId(s.id)!.passwordHash.split('$')[4]));
		expect(all.size).toBe(staff.count());
		expect(await verifyPassword('demo-password-1', cashier.passwordHash)).toBe(true);
		expect(await verifyPassword('demo-password-1', manager.passwordHash)).toBe(true);
	}, 60_000);
});
