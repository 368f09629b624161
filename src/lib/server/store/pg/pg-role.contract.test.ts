import { describe, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_URL } from '../../../../../tests/helpers/postgres';
import { describeStoreContract } from '../contract.test-suite';
import { dayOfId } from '../record-log';
import { recordsWhere } from './pg-errors';
import { PgDatabase } from './pg-database';
import { DEFAULT_SITE, PgStore } from './pg-store';
import { ordinaryRoleGrants } from './role';

if (TEST_DATABASE_URL) {
	// The contract again, as the ordinary role operators are told to run Foyer as: every read and
	// write then passes row-level security (migration 004), which a superuser would skip.
	describeStoreContract('PostgreSQL as an ordinary role', async () => {
		const db = await createTestDatabase();
		await (await PgDatabase.open({ url: db.url })).close();
		const url = await db.ordinaryRole(ordinaryRoleGrants);
		return {
			open: ({ clock, timeZone }) => PgStore.open({ url, clock, timeZone }),
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
	describe.skip('store contract: PostgreSQL as an ordinary role (no TEST_DATABASE_URL)', () => {
		it('runs when `npm test` has started its private PostgreSQL', () => {});
	});
}
