import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { DEFAULT_TIME_ZONE, systemClock } from '$lib/domain/time';
import { syncFolder } from '../durable-file';
import { isNotFound } from '../errors';
import { StoreLockedError } from '../lock';
import { bindSql } from '../pg/bound';
import { unreachable } from '../pg/pg-connections';
import { PgStore } from '../pg/pg-store';
import { migrateSchema, shippedMigrations } from '../pg/schema';
import { Store } from '../store';
import { insertSite, readSite, sitesIn } from './database';
import { TransferError } from './errors';
import { copyPlanned, planCopy, type FileCopy } from './files';
import { Figures, recordCount } from './figures';
import { folderLayout, readFolder, writeFolder, type SiteItem } from './folder';
import { compareFigures, formatTable } from './report';

/** What a move or an export did, for the command to print. */
export interface TransferResult {
	outcome: 'moved' | 'already moved' | 'exported';
	records: number;
	seconds: number;
	/** The verification table: both sides' figures. */
	table: string;
	/** Lines about the files that are not store data. */
	notes: string[];
}

interface Common {
	databaseUrl: string;
	site: string;
	dataDir: string;
	/** One line every 10,000 records, and at each step. */
	progress: (line: string) => void;
}

/** Opens a data folder for reading, as its one writer: refused while a server holds it. */
async function openFolder(dir: string): Promise<Store> {
	let zone = DEFAULT_TIME_ZONE;
	try {
		const store = await Store.open({ dir, clock: systemClock, timeZone: () => zone });
		const site = await store.doc<{ timeZone?: unknown } | null>('site', {
			defaults: null,
			parse: (d) => d as { timeZone?: unknown }
		});
		if (typeof site.data?.timeZone === 'string') zone = site.data.timeZone;
		return store;
	} catch (e) {
		if (e instanceof StoreLockedError)
			throw new TransferError(
				`the data folder ${dir} is in use by a running Foyer server (pid ${e.pid}); stop it first. Nothing was changed`
			);
		throw e;
	}
}

/**
 * Brings the database's schema up to date (or refuses a newer one) through the store itself,
 * then connects: the messages for a database that cannot be reached name no password.
 */
async function connect(url: string, site: string): Promise<pg.Client> {
	const store = await PgStore.open({
		url,
		site,
		clock: systemClock,
		timeZone: () => DEFAULT_TIME_ZONE,
		connections: 1,
		warnOfBypass: false
	}).catch((e: unknown) => {
		throw new TransferError((e as Error).message.replace(/^Foyer cannot/, 'cannot'));
	});
	await store.close();
	const client = new pg.Client({ connectionString: url, application_name: 'foyer-migrate' });
	await client.connect();
	return client;
}

/**
 * Brings the database's schema up to date and nothing else: what the tables' owner runs before
 * servers that log in as an ordinary role start a new version (docs/store.md, "The database
 * role"). Resolves with the versions applied.
 */
export async function upgradeSchema(url: string): Promise<number[]> {
	const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'foyer-migrate' });
	pool.on('error', () => {});
	try {
		return await migrateSchema(pool, shippedMigrations());
	} catch (e) {
		const plain = unreachable(url, e) ?? (e as Error);
		throw new TransferError(plain.message.replace(/^Foyer cannot/, 'cannot'));
	} finally {
		await pool.end();
	}
}

/** Feeds every item that passes into `figures`, with a progress line every 10,000 records. */
async function* counted(
	items: AsyncIterable<SiteItem>,
	figures: Figures,
	progress: (line: string) => void,
	started = Date.now()
): AsyncGenerator<SiteItem> {
	let records = 0;
	for await (const item of items) {
		if (item.kind === 'document') figures.document(item.name, item.data);
		else if (item.kind === 'collection') figures.collection(item.name);
		else {
			for (const r of item.records) {
				figures.record(item.collection, r, `${item.collection} ${item.day}`);
				if (++records % 10_000 === 0)
					progress(
						`  ${records.toLocaleString('en')} records (${item.collection} ${item.day}), ${((Date.now() - started) / 1000).toFixed(1)} s`
					);
			}
		}
		yield item;
	}
}

async function drain(items: AsyncIterable<SiteItem>): Promise<void> {
	for await (const item of items) void item;
}

/** Reads all of one side into figures. */
async function figuresOf(items: AsyncIterable<SiteItem>, progress: (l: string) => void) {
	const figures = new Figures();
	await drain(counted(items, figures, progress));
	return figures.summary();
}

const FILES_HINT = (files: string[], where: string) =>
	`Not store data, still files: ${files.join(', ')} — copy them into ${where} (or pass --files-to DIR).`;

/**
 * Moves a site's data folder into the database under `site`, in one transaction: every document
 * and record (ids, days, append order and content as they are), then the figures of both sides
 * compared before COMMIT, so a mismatch leaves the database as it was. A site that already has
 * rows is compared instead: the same data is "already moved" (a re-run is a no-op), other data
 * is refused. The folder is opened as its one writer, so a server cannot hold it meanwhile.
 */
export async function migrateToDatabase(
	o: Common & { filesTo?: string | undefined }
): Promise<TransferResult> {
	const started = Date.now();
	const dir = resolve(o.dataDir);
	const isDir = await stat(dir).then(
		(s) => s.isDirectory(),
		() => false
	);
	if (!isDir) throw new TransferError(`there is no data folder at ${dir}`);
	const layout = await folderLayout(dir);
	if (!layout.documents.length && !layout.collections.length)
		throw new TransferError(`${dir} holds no Foyer data (no documents, no record logs)`);
	const store = await openFolder(dir);
	let client: pg.Client | null = null;
	try {
		const plan = o.filesTo ? await planCopy(dir, resolve(o.filesTo), layout.files) : null;
		client = await connect(o.databaseUrl, o.site);
		await client.query(bindSql(o.site));
		// Two moves into one site at the same moment: the second waits, then finds the first's rows.
		await client.query(`SELECT pg_advisory_xact_lock(hashtext('foyer.migrate/' || $1))`, [o.site]);
		const existing = (await sitesIn(client)).includes(o.site);
		const source = new Figures();
		let target;
		if (existing) {
			o.progress(`Site "${o.site}" already has data in the database: comparing…`);
			target = await figuresOf(readSite(client, o.site), () => {});
			await drain(counted(readFolder(store, layout), source, o.progress));
		} else {
			o.progress(`Moving ${dir} into site "${o.site}"…`);
			await insertSite({
				db: client,
				site: o.site,
				items: counted(readFolder(store, layout), source, o.progress, started)
			});
			o.progress('Reading it back from the database to verify…');
			target = await figuresOf(readSite(client, o.site), () => {});
		}
		const sourceFigures = source.summary();
		const rows = compareFigures(sourceFigures, target);
		const table = formatTable(rows, 'data folder', 'database');
		if (rows.some((r) => !r.same)) {
			await client.query('ROLLBACK');
			throw new TransferError(
				existing
					? `site "${o.site}" in the database already holds other data than ${dir}; nothing was changed. Choose another --site, or remove that site's rows first`
					: `the database does not read back what was written; the move was rolled back and the database is unchanged`,
				table
			);
		}
		await client.query(existing ? 'ROLLBACK' : 'COMMIT');
		const notes: string[] = [];
		if (plan) {
			await copyPlanned(plan);
			notes.push(`Copied ${plan.files.length} files (${layout.files.join(', ')}) into ${plan.to}.`);
		} else if (layout.files.length) {
			notes.push(FILES_HINT(layout.files, "the DATA_DIR of the site's PostgreSQL servers"));
		}
		return {
			outcome: existing ? 'already moved' : 'moved',
			records: recordCount(sourceFigures),
			seconds: (Date.now() - started) / 1000,
			table,
			notes
		};
	} catch (e) {
		await client?.query('ROLLBACK').catch(() => {});
		throw e;
	} finally {
		await client?.end().catch(() => {});
		await store.close();
	}
}

/** True when `dir` does not exist or is an empty folder. */
async function isEmptyOrMissing(dir: string): Promise<boolean> {
	try {
		return (await readdir(dir)).length === 0;
	} catch (e) {
		if (isNotFound(e)) return true;
		throw new TransferError(`${dir} is not a folder Foyer can write (${(e as Error).message})`);
	}
}

/**
 * Exports a site from the database into a new data folder the embedded Foyer starts on. The
 * site is read in one REPEATABLE READ transaction (one instant, even while servers write),
 * written into a hidden folder beside the target, read back through the embedded store and
 * compared, and only then renamed into place: a failed export leaves no half-written folder.
 */
export async function exportToFolder(
	o: Common & { filesFrom?: string | undefined }
): Promise<TransferResult> {
	const started = Date.now();
	const dir = resolve(o.dataDir);
	if (!(await isEmptyOrMissing(dir)))
		throw new TransferError(`${dir} is not empty: export into an empty or new folder`);
	const client = await connect(o.databaseUrl, o.site);
	const temp = join(dirname(dir), `.${basename(dir)}.export-${process.pid}`);
	const source = new Figures();
	const orders = new Set<string>();
	try {
		await client.query(bindSql(o.site, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'));
		const sites = await sitesIn(client);
		if (!sites.includes(o.site))
			throw new TransferError(
				`there is no site "${o.site}" in the database (${
					sites.length
						? `sites there: ${sites.join(', ')}`
						: 'an ordinary role sees no other site: row-level security'
				})`
			);
		await rm(temp, { recursive: true, force: true });
		await mkdir(temp, { recursive: true });
		o.progress(`Exporting site "${o.site}" into ${dir}…`);
		const items = counted(readSite(client, o.site), source, o.progress, started);
		async function* noted(): AsyncGenerator<SiteItem> {
			for await (const item of items) {
				if (item.kind === 'day' && item.collection === 'workorders')
					for (const r of item.records) orders.add(r.id);
				yield item;
			}
		}
		await writeFolder(temp, noted());
		await client.query('COMMIT');
		o.progress('Reading the new folder back to verify…');
		const written = await openFolder(temp);
		let target;
		try {
			target = await figuresOf(readFolder(written, await folderLayout(temp)), () => {});
		} finally {
			await written.close();
		}
		const sourceFigures = source.summary();
		const rows = compareFigures(sourceFigures, target);
		const table = formatTable(rows, 'database', 'data folder');
		if (rows.some((r) => !r.same))
			throw new TransferError(
				`the new folder does not read back what the database holds; nothing was exported`,
				table
			);
		const notes = await copyFilesFrom(o.filesFrom, temp, orders);
		// An empty target folder is replaced: rename() does not move a folder over an existing one.
		await rmdir(dir).catch((e: unknown) => {
			if (!isNotFound(e)) throw e;
		});
		await rename(temp, dir);
		await syncFolder(dirname(dir));
		return {
			outcome: 'exported',
			records: recordCount(sourceFigures),
			seconds: (Date.now() - started) / 1000,
			table,
			notes
		};
	} catch (e) {
		await client.query('ROLLBACK').catch(() => {});
		await rm(temp, { recursive: true, force: true });
		throw e;
	} finally {
		await client.end().catch(() => {});
	}
}

/**
 * Copies the files that are not store data from the PostgreSQL servers' DATA_DIR: the payment
 * keys, and the photos of this site's work orders only (the folder may hold other sites').
 */
async function copyFilesFrom(
	from: string | undefined,
	to: string,
	orders: Set<string>
): Promise<string[]> {
	if (!from)
		return [
			"Work-order photos and payment keys stay in the PostgreSQL servers' DATA_DIR: copy photos/<order id>/ of this site's orders and secrets/ into the new folder (or pass --files-from DIR)."
		];
	const source = resolve(from);
	const entries = (await folderLayout(source)).files;
	const plan: FileCopy = await planCopy(source, to, entries, (file) => {
		const m = /^photos\/([^/]+)\//.exec(file);
		return !file.startsWith('photos/') || (!!m?.[1] && orders.has(m[1]));
	});
	await copyPlanned(plan);
	return [
		`Copied ${plan.files.length} files (photos of this site's work orders, secrets/) from ${source}.`
	];
}
