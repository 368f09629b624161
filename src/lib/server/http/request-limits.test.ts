import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../tests/helpers/postgres';
import { PgStore } from '../store/pg/pg-store';
import { RequestLimits } from './request-limits';

// Two PgStores on one database stand for two server processes, each with its own RequestLimits.
describe.runIf(TEST_DATABASE_URL)('RequestLimits counted in PostgreSQL', () => {
	let db: TestDatabase;
	let stores: PgStore[] = [];

	beforeAll(async () => {
		db = await createTestDatabase();
		const clock = new ManualClock('2026-01-05T02:00:00Z');
		stores = await Promise.all(
			[0, 1].map(() =>
				PgStore.open({ url: db.url, site: 'default', clock, timeZone: () => 'Asia/Shanghai' })
			)
		);
	});
	afterAll(async () => {
		await Promise.allSettled(stores.map((s) => s.close()));
		await db?.drop();
	});

	it("admits one minute's tickets across two processes asked at the same moment, no more", async () => {
		const clock = new ManualClock('2026-01-05T02:00:00Z');
		const [a, b] = stores.map((s) => new RequestLimits(clock, s.attempts));
		const answers = await Promise.allSettled(
			Array.from({ length: 30 }, (_, i) => (i % 2 ? b! : a!).admit(['ticket', 'address:10.0.0.5']))
		);
		expect(answers.filter((x) => x.status === 'fulfilled')).toHaveLength(10);
		const refusals = answers.filter((x) => x.status === 'rejected');
		expect(refusals).toHaveLength(20);
		for (const r of refusals) {
			expect(r.reason).toMatchObject({ key: 'error.tooManyRequests', status: 429 });
		}
		// Another kiosk's count is its own; a minute later the first kiosk may take tickets again.
		await b!.admit(['ticket', 'address:10.0.0.6']);
		clock.advance(60_000);
		await a!.admit(['ticket', 'address:10.0.0.5']);
	});
});
