import { TransferError } from './errors';
import { exportToFolder, migrateToDatabase, upgradeSchema, type TransferResult } from './transfer';

/** What `npm run migrate -- …` was asked to do. */
export type MigrateCommand =
	| { to: 'schema'; databaseUrl: string }
	| { to: 'database'; dataDir: string; databaseUrl: string; site: string; filesTo?: string }
	| { to: 'folder'; databaseUrl: string; site: string; dataDir: string; filesFrom?: string };

const FLAGS = ['from', 'to', 'site', 'files-to', 'files-from'] as const;
type Flag = (typeof FLAGS)[number];
const USAGE =
	'npm run migrate -- --from DATA_DIR --to DATABASE_URL --site NAME [--files-to DIR], or --from DATABASE_URL --site NAME --to DATA_DIR [--files-from DIR], or --to DATABASE_URL (the schema only)';
/** A site name: it is stored in every row and typed by operators, so kept plain. */
const SITE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const isUrl = (s: string) => /^postgres(ql)?:\/\//.test(s);

/** Reads the command line (`--flag value` or `--flag=value`); throws TransferError on anything wrong. */
export function parseMigrateArgs(argv: string[]): MigrateCommand {
	const given = new Map<Flag, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
		if (!m) throw new TransferError(`unexpected argument "${arg}". Usage: ${USAGE}`);
		const flag = m[1] as Flag;
		if (!FLAGS.includes(flag)) throw new TransferError(`unknown option --${m[1]}. Usage: ${USAGE}`);
		const value = m[2] ?? argv[++i];
		if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--')))
			throw new TransferError(`--${flag} needs a value. Usage: ${USAGE}`);
		if (given.has(flag)) throw new TransferError(`--${flag} is given twice`);
		given.set(flag, value);
	}
	// Only a database: bring its schema up to date (as the tables' owner), move nothing.
	if ([...given.keys()].join() === 'to' && isUrl(given.get('to')!))
		return { to: 'schema', databaseUrl: given.get('to')! };
	const site = given.get('site');
	if (!site) throw new TransferError(`--site NAME is missing: which site to move. Usage: ${USAGE}`);
	if (!SITE.test(site))
		throw new TransferError(
			`--site "${site}" is not a site name: letters, digits, ".", "_" and "-", up to 63`
		);
	const from = given.get('from');
	const to = given.get('to');
	if (!from || !to) throw new TransferError(`both --from and --to are needed. Usage: ${USAGE}`);
	if (isUrl(from) === isUrl(to))
		throw new TransferError(
			`one of --from and --to must be a PostgreSQL URL (postgres://…) and the other a data folder`
		);
	if (isUrl(to)) {
		if (given.has('files-from'))
			throw new TransferError('--files-from is for an export from the database into a folder');
		const filesTo = given.get('files-to');
		return { to: 'database', dataDir: from, databaseUrl: to, site, ...(filesTo && { filesTo }) };
	}
	if (given.has('files-to'))
		throw new TransferError('--files-to is for a move from a folder into the database');
	const filesFrom = given.get('files-from');
	return { to: 'folder', databaseUrl: from, site, dataDir: to, ...(filesFrom && { filesFrom }) };
}

/**
 * `npm run migrate`: parses the arguments, moves or exports the site, prints the verification
 * table and what to do with the files, and resolves with the exit code (0 done or already done,
 * 1 refused or failed — one plain line, then the table when figures differed).
 */
export async function runMigrate(
	argv: string[],
	out: { log: (line: string) => void; error: (line: string) => void }
): Promise<number> {
	try {
		const command = parseMigrateArgs(argv);
		if (command.to === 'schema') {
			const applied = await upgradeSchema(command.databaseUrl);
			out.log(
				applied.length
					? `Applied schema migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}; the schema is up to date.`
					: 'The schema was already up to date; nothing was changed.'
			);
			return 0;
		}
		const common = {
			databaseUrl: command.databaseUrl,
			site: command.site,
			dataDir: command.dataDir
		};
		const result: TransferResult =
			command.to === 'database'
				? await migrateToDatabase({ ...common, filesTo: command.filesTo, progress: out.log })
				: await exportToFolder({ ...common, filesFrom: command.filesFrom, progress: out.log });
		out.log(result.table);
		const what =
			result.outcome === 'already moved'
				? `Already migrated, verified: site "${command.site}" in the database holds exactly this data folder's data. Nothing was changed.`
				: result.outcome === 'moved'
					? `Moved ${result.records.toLocaleString('en')} records into site "${command.site}" in ${result.seconds.toFixed(1)} s; every figure matches. Start Foyer on it with DATABASE_URL=… SITE=${command.site}.`
					: `Exported ${result.records.toLocaleString('en')} records of site "${command.site}" into ${command.dataDir} in ${result.seconds.toFixed(1)} s; every figure matches. Start Foyer on it with DATA_DIR=${command.dataDir}.`;
		out.log(what);
		for (const note of result.notes) out.log(note);
		return 0;
	} catch (e) {
		if (e instanceof TransferError) {
			out.error(`Not migrated: ${e.message.replace(/\.$/, '')}.`);
			if (e.details) out.error(e.details);
		} else {
			// Something unforeseen (a disk error, a damaged file): its message, never the URL.
			out.error(`Not migrated: ${e instanceof Error ? e.message : String(e)}`);
		}
		return 1;
	}
}
