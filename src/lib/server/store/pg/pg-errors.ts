/**
 * A row in PostgreSQL that does not match its schema: the PostgreSQL counterpart of
 * StoreFileError. The message names the table and the row so that someone can find and fix it.
 */
export class PgDataError extends Error {
	constructor(
		readonly where: string,
		readonly reason: string
	) {
		super(
			`Foyer cannot read ${where} in PostgreSQL: ${reason}. Nothing was changed. ` +
				`Fix or remove that row (or restore the database from a backup), then start again.`
		);
		this.name = 'PgDataError';
	}
}

/** Where a record log's day is, in PostgreSQL: what an error about it names. */
export function recordsWhere(site: string, collection: string, day: string): string {
	return `table records, site "${site}", collection "${collection}", day ${day}`;
}
