import { describe, it } from 'vitest';
import {
	createTestDatabase,
	TEST_DATABASE_URL,
	type TestDatabase
} from '../../../../../tests/helpers/postgres';
import { describeStoreContract } from '../contract.test-suite';
import { dayOfId } from '../record-log';
import { recordsWhere } from './pg-errors';
import { DEFAULT_SITE, PgStore } from './pg-store';
import { asOrdinaryRole } from './sites.test-suite';

/** The contract on PostgreSQL, each test on a database of its own, logged in as `login` says. */
function pgContract(name: string, login: (db: TestDatabase) => Promise<string>): void {
	describeStoreContract(name, async () => {
		const db = await createTestDatabase();
		const url = await login(db);
		return {
			open: ({ clock, timeZone }) => PgStore.open({ url, clock, timeZone }),
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
}

if (TEST_DATABASE_URL) {
	pgContract('PostgreSQL', async (db) => db.url);
	// Again as the ordinary role operators are told to run Foyer as: every read and write then
	// passes row-level security (migration 004), which the test superuser would skip.
	pgContract('PostgreSQL as an ordinary role', asOrdinaryRole);
} else {
	describe.skip('store contract: PostgreSQL (no TEST_DATABASE_URL)', () => {
		it('runs when `npm test` has started its private PostgreSQL', () => {});
	});
}
