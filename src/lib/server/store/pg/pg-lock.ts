import type { Pool } from 'pg';
import type { SectionLock } from '../contract';
import { Mutex } from '../../mutex';
import { bindSql } from './bound';

/**
 * A section lock held in the database: `pg_advisory_xact_lock` on the key `<site>/<name>`, taken
 * in a transaction on a connection of its own and released by that transaction's end, so only
 * one section of the lock runs at a time across every process on the site. Before the section
 * runs, this process catches up with what other processes committed (`catchUp`): the previous
 * holder's writes are committed before it lets go, so the section's checks see them.
 *
 * Sections of one process queue in memory first, so waiting sections hold no connection. If
 * the lock's connection breaks while a section runs, the database has let go of the lock; the
 * rules that matter most (receipt numbers, settlements, queue labels) are also unique indexes,
 * which refuse the second write outright.
 */
export class PgSectionLock implements SectionLock {
	readonly #local = new Mutex();

	constructor(
		private readonly pool: Pool,
		private readonly site: string,
		private readonly key: string,
		private readonly catchUp: () => Promise<void>
	) {}

	run<T>(section: () => Promise<T>): Promise<T> {
		return this.#local.run(async () => {
			const client = await this.pool.connect();
			let broken = false;
			const onError = () => (broken = true);
			client.on('error', onError);
			try {
				// Bound like every transaction of the store, though the lock itself reads no row.
				await client.query(bindSql(this.site));
				await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [this.key]);
				await this.catchUp();
				return await section();
			} finally {
				await client.query('COMMIT').catch(() => (broken = true));
				client.off('error', onError);
				client.release(broken);
			}
		});
	}
}
