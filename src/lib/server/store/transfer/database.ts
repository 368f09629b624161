import type pg from 'pg';
import { dayOfId } from '../record-log';
import type { StoredRecord } from '../contract';
import { TransferError } from './errors';
import type { SiteItem } from './folder';

/** Rows per INSERT and per page read: big enough to amortise round trips, small enough for memory. */
const BATCH = 5000;

/**
 * The sites that have any row in the database that this transaction may see, sorted: every site
 * for a role that bypasses row-level security (a superuser), at most the bound one otherwise.
 * Reserved ids (`_company`: the company's accounts) are not service centers and not listed.
 */
export async function sitesIn(db: pg.ClientBase): Promise<string[]> {
	const { rows } = await db.query<{ site_id: string }>(
		`SELECT site_id FROM documents UNION SELECT DISTINCT site_id FROM records ORDER BY 1`
	);
	return rows.map((r) => r.site_id).filter((s) => !s.startsWith('_'));
}

/**
 * Every document, then every record log day by day in append order (`ORDER BY day, seq`, as
 * PgRecordLog lists), of one site, read in pages through the primary index so a big site never
 * sits in memory whole. Run it inside a REPEATABLE READ transaction to read one instant.
 */
export async function* readSite(db: pg.ClientBase, site: string): AsyncGenerator<SiteItem> {
	const docs = await db.query<{ name: string; data: unknown }>(
		'SELECT name, data FROM documents WHERE site_id = $1 ORDER BY name',
		[site]
	);
	for (const d of docs.rows) yield { kind: 'document', name: d.name, data: d.data };
	const { rows: collections } = await db.query<{ collection: string }>(
		'SELECT DISTINCT collection FROM records WHERE site_id = $1 ORDER BY 1',
		[site]
	);
	for (const { collection } of collections) {
		yield { kind: 'collection', name: collection };
		let after = { day: '0001-01-01', seq: '0' };
		for (;;) {
			// Qualified: a bare `seq` in ORDER BY would be the text alias, and '10000' < '9999'.
			const { rows } = await db.query<{ day: string; seq: string; data: StoredRecord }>(
				`SELECT day::text AS day, seq::text AS seq, data FROM records
				 WHERE site_id = $1 AND collection = $2 AND (day, seq) > ($3::date, $4::bigint)
				 ORDER BY records.day, records.seq LIMIT ${BATCH}`,
				[site, collection, after.day, after.seq]
			);
			let i = 0;
			while (i < rows.length) {
				const day = rows[i]!.day;
				const records: StoredRecord[] = [];
				for (; i < rows.length && rows[i]!.day === day; i++) {
					const r = rows[i]!.data;
					if ((typeof r?.id === 'string' ? dayOfId(r.id) : undefined) !== day)
						throw new TransferError(
							`record ${String(r?.id)} of ${collection} is filed under ${day} in the database, not the day its id names`
						);
					records.push(r);
				}
				yield { kind: 'day', collection, day, records };
			}
			if (rows.length < BATCH) break;
			after = rows[rows.length - 1]!;
		}
	}
}

/**
 * Inserts a site's documents and records for `site`, records in the order they come so that
 * `seq` (an identity column) keeps their append order; ids, days and content as they are. Run it inside the transaction that
 * decides whether the move is kept: a duplicate or a bad row fails the statement and with it
 * the whole move.
 */
export async function insertSite(o: {
	db: pg.ClientBase;
	site: string;
	items: AsyncIterable<SiteItem>;
}): Promise<void> {
	let batch: { collection: string; day: string; record: StoredRecord }[] = [];
	const flush = async () => {
		if (!batch.length) return;
		const rows = JSON.stringify(batch);
		batch = [];
		// ORDER BY n: rows are inserted, and their seq drawn, in the order of the batch.
		await o.db.query(
			`INSERT INTO records (site_id, collection, id, day, data)
			 SELECT $1, r.value->>'collection', r.value->'record'->>'id', (r.value->>'day')::date,
			        r.value->'record'
			 FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS r(value, n)
			 ORDER BY r.n`,
			[o.site, rows]
		);
	};
	for await (const item of o.items) {
		if (item.kind === 'document') {
			await o.db.query('INSERT INTO documents (site_id, name, data) VALUES ($1, $2, $3::jsonb)', [
				o.site,
				item.name,
				JSON.stringify(item.data)
			]);
		} else if (item.kind === 'day') {
			for (const record of item.records) {
				batch.push({ collection: item.collection, day: item.day, record });
				if (batch.length >= BATCH) await flush();
			}
		}
	}
	await flush();
}
