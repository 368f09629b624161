import { describe, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_URL } from '../../../../../tests/helpers/postgres';
import { describeStoreContract } from '../contract.test-suite';
import { dayOfId } from '../record-log';
import { recordsWhere } from './pg-errors';
import { DEFAULT_SITE, PgStore } from './pg-store';

if (TEST_DATABASE_URL) {
	// The PostgreSQL store, each test on a database of its own.
	describeStoreContract('PostgreSQL', async () => {
		const db = await createTestDatabase();
		return {
			open: ({ clock, timeZone }) => PgStore.open({ url: db.url, clock, timeZone }),
			// A crashed server's connections are cut; nothing was flushed or closed. Then the pool's
			// own (now dead) connections are released, as the dead process's would be.
			crash: async (store) => {
				await db.cutConnections();
				await store.close();
			},
			plant: async (name, day, record) => {
				const id = (record as { id: string }).id;
				if (dayOfId(id) !== day) throw new Error(`${id} is not a record of ${day}`);
				await db.query(
					'INSERT INTO records (site_id, collection, id, day, data) VALUES ($1, $2, $3, $4, $5)',
					[DEFAULT_SITE, name, id, day, JSON.stringify(record)]
				);
			},
			where: (name, day) => recordsWhere(DEFAULT_SITE, name, day),
			dispose: () => db.drop()
		};
	});
} else {
	describe.skip('store contract: PostgreSQL (no TEST_DATABASE_URL)', () => {
		it('runs when `npm test` has started its private PostgreSQL', () => {});
	});
}
