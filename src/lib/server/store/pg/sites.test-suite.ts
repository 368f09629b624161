import { ManualClock } from '$lib/domain/time';
import type { TestDatabase } from '../../../../../tests/helpers/postgres';
import type { StoredRecord } from '../contract';
import { PgDatabase } from './pg-database';
import { ordinaryRoleGrants } from './role';

/** What the tests of sites on PostgreSQL share (pg-rls, pg-database, the contract as a role). */

export interface Note extends StoredRecord {
	text: string;
}
export const parseNote = (d: unknown) => d as Note;
/** A document with a name, empty until written. */
export const named = { defaults: { name: '' }, parse: (d: unknown) => d as { name: string } };
export const clock = new ManualClock('2026-01-05T02:00:00Z');
/** The options of one site's store. */
export const siteOptions = (site: string) => ({ site, clock, timeZone: () => 'Asia/Shanghai' });

/**
 * The URL of an ordinary role on `db`, as operators are told to run Foyer: the tables' owner
 * (the test superuser) applies the migrations, then grants the role what pg/role.ts says.
 */
export async function asOrdinaryRole(db: TestDatabase): Promise<string> {
	await (await PgDatabase.open({ url: db.url })).close();
	return db.ordinaryRole(ordinaryRoleGrants);
}
