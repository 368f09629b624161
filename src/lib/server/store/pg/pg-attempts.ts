import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { AttemptKey, SharedAttempts } from '../contract';
import { inSite } from './bound';

const digest = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Attempts counted in the database (`attempts`, migration 003), so a limit holds across every
 * process of a site: five wrong passwords are five whichever processes they reached, also when
 * they arrive at the same moment. Each key is checked and counted under a transaction-scoped
 * advisory lock of its own (keys taken in a fixed order, so two reservations never deadlock);
 * rows that left their window are removed as the key is next checked.
 */
export class PgAttempts implements SharedAttempts {
	constructor(
		private readonly pool: Pool,
		private readonly site: string
	) {}

	async reserve(keys: AttemptKey[], now: number): Promise<{ wait: number; ids: string[] }> {
		const hashed = keys
			.map((k) => ({ ...k, hash: digest(k.key) }))
			.sort((a, b) => `${a.scope}|${a.hash}`.localeCompare(`${b.scope}|${b.hash}`));
		return inSite(this.pool, this.site, async (client) => {
			let wait = 0;
			for (const k of hashed) {
				await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
					`attempts|${this.site}|${k.scope}|${k.hash}`
				]);
				await client.query(
					'DELETE FROM attempts WHERE site_id = $1 AND scope = $2 AND key_hash = $3 AND at <= $4',
					[this.site, k.scope, k.hash, now - k.windowMs]
				);
				const { rows } = await client.query<{ at: string }>(
					`SELECT at FROM attempts WHERE site_id = $1 AND scope = $2 AND key_hash = $3
					 ORDER BY at`,
					[this.site, k.scope, k.hash]
				);
				if (rows.length >= k.max) {
					const edge = Number(rows[rows.length - k.max]!.at);
					wait = Math.max(wait, edge + k.windowMs - now);
				}
			}
			const ids: string[] = [];
			if (wait === 0) {
				for (const k of keys.map((x) =>
					hashed.find((h) => h.scope === x.scope && h.key === x.key)!
				)) {
					const { rows } = await client.query<{ id: string }>(
						'INSERT INTO attempts (site_id, scope, key_hash, at) VALUES ($1, $2, $3, $4) RETURNING id',
						[this.site, k.scope, k.hash, now]
					);
					ids.push(rows[0]!.id);
				}
			}
			return { wait, ids };
		});
	}

	async takeBack(
		taken: { scope: string; key: string; id: string; clear: boolean }[]
	): Promise<void> {
		if (!taken.length) return;
		await inSite(this.pool, this.site, async (client) => {
			for (const t of taken) {
				if (t.clear) {
					await client.query(
						'DELETE FROM attempts WHERE site_id = $1 AND scope = $2 AND key_hash = $3',
						[this.site, t.scope, digest(t.key)]
					);
				} else await client.query('DELETE FROM attempts WHERE id = $1', [t.id]);
			}
		});
	}
}
