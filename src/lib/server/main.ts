import type { Server as HttpServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_TIME_ZONE, systemClock } from '$lib/domain/time';
import { AuditService } from './audit/audit';
import { BackupService } from './backup/backups';
import { Store } from './store/store';
import { verifyPassword } from './staff/password';
import { testHashingFromEnv } from './staff/test-hashing';
import { createFoyer, provideFoyer, type Foyer } from './foyer';
import { countRefusals } from './instrument';
import { FoyerMetrics } from './ops/metrics';
import { SocketRouter } from './realtime/socket-router';
import { openPushRelay } from './realtime/push-relay';
import { LeaderSession } from './cluster/leader';
import { inSite, siteInContext } from './sites/context';
import { servedSiteIds, siteOfHost } from './sites/hosts';
import { ServedSites } from './sites/served';
import { openStore } from './store/open';
import { PgDatabase } from './store/pg/pg-database';
import { Company, COMPANY_SITE } from './company/company';
import { DEMO_STAFF, seedDemo } from './seed';
import { errorFields, type Logger } from './ops/logger';

export { createLogger, errorFields } from './ops/logger';
export { scrub } from './ops/scrub';

export interface StartOptions {
	httpServer: HttpServer;
	env: NodeJS.ProcessEnv;
	version: string;
	/** The process's logger (server.js makes it from LOG_LEVEL and LOG_FORMAT). */
	logger: Logger;
}

export interface Started {
	/** The sites this process serves (one on a lobby PC), each with its services. */
	app: ServedSites<Foyer>;
	/** Lines to print once the server listens (passwords are printed only on first start). */
	notes: string[];
}

/**
 * Starts Foyer on an HTTP server: opens the store, starts each site it serves (`SITES`, else
 * `SITE`, else the one `default` site) and seeds an empty one, and hands the sites to SvelteKit.
 * Used by server.js in production and by the Vite plugin in development.
 */
export async function startFoyer({
	httpServer,
	env,
	version,
	logger
}: StartOptions): Promise<Started> {
	const ids = servedSiteIds(env);
	const dataDir = env.DATA_DIR || 'data';
	// Before anything is hashed (the seed, ADMIN_PASSWORD): a test server's cheap hashes, if asked
	// for and allowed (staff/test-hashing.ts).
	const notes: string[] = testHashingFromEnv(env, resolve(dataDir));
	// What the sites share: the HTTP server's Socket.IO routing and the process's metrics.
	const sockets = new SocketRouter(httpServer, (host) => siteOfHost(host, ids));
	const metrics = new FoyerMetrics();
	const sites = new Map<string, Foyer>();
	// On PostgreSQL, one set of connections (and one migration of the schema) for every site.
	const database = env.DATABASE_URL ? await PgDatabase.open({ url: env.DATABASE_URL }) : undefined;
	// On PostgreSQL, pushes reach the sockets of every process of a site through the database.
	const relay = env.DATABASE_URL
		? await openPushRelay(
				env.DATABASE_URL,
				(m, e) => logger.error({ err: errorFields(e) }, m),
				ids.length
			)
		: undefined;
	// …and one database session holds the leads of all its sites (cluster/leader.ts).
	const leaderSession = env.DATABASE_URL
		? new LeaderSession(env.DATABASE_URL, (m, e) => logger.error({ err: errorFields(e) }, m))
		: undefined;
	// The company's accounts (roles per site, head office) are kept as the reserved site
	// `_company`'s rows, beside the sites they work at (docs/company.md).
	const companyStore = database
		? await openStore({
				dataDir,
				database,
				site: COMPANY_SITE,
				clock: systemClock,
				timeZone: () => DEFAULT_TIME_ZONE
			})
		: undefined;
	const company = companyStore
		? await Company.open(companyStore, {
				clock: systemClock,
				audit: await AuditService.open(companyStore)
			})
		: undefined;
	const stopRefusals = countRefusals(
		metrics,
		() =>
			(siteInContext() as Foyer | undefined)?.siteId ??
			(ids.length === 1 && ids[0] ? ids[0] : 'unknown')
	);
	try {
		for (const id of ids) {
			const app = await createFoyer({
				// Several sites on one database keep their files (photos, payment keys) apart.
				dataDir: env.SITES?.trim() ? join(dataDir, 'sites', id) : dataDir,
				databaseUrl: env.DATABASE_URL,
				database,
				site: id,
				sockets,
				relay,
				leaderSession,
				company,
				metrics,
				version,
				origin: env.ORIGIN,
				printer: env.PRINTER,
				backupDir: env.BACKUP_DIR,
				backupKeep: env.BACKUP_KEEP ? Math.max(1, Number(env.BACKUP_KEEP) || 14) : undefined,
				publicUrl: env.PUBLIC_URL,
				paymentWindowMs: env.PAYMENT_WINDOW_SECONDS
					? Math.max(1, Number(env.PAYMENT_WINDOW_SECONDS) || 300) * 1000
					: undefined,
				logger,
				metricsToken: env.METRICS_TOKEN
			});
			sites.set(id, app);
			company?.addSite({ id, foyer: app });
			const lines = await inSite(app, () => prepareSite(app, env));
			notes.push(...(ids.length > 1 ? lines.map((l) => `[${id}] ${l}`) : lines));
		}
	} catch (e) {
		await Promise.allSettled([...sites.values()].map((s) => s.close()));
		await relay?.close();
		await leaderSession?.end();
		await companyStore?.close();
		await database?.close();
		stopRefusals();
		throw e;
	}
	// A new company deployment gets its head-office account (`head`), printed once.
	if (company) notes.push(...(await company.seedIfEmpty(env.HEAD_PASSWORD || undefined)));
	const served = new ServedSites(sites, [
		async () => stopRefusals(),
		async () => {
			await relay?.close();
			await leaderSession?.end();
			await companyStore?.close();
			await database?.close();
		}
	]);
	// `npm run backup` while this server runs: the command cannot open the data folder (this
	// process holds its lock), so it sends SIGUSR2 — which only the same user (or root) can —
	// and reads the outcome from backups.json (scripts/backup.js; docs/backups.md).
	process.on('SIGUSR2', () => {
		served.first.backups
			.run(null)
			.catch((e: unknown) => logger.error({ err: errorFields(e) }, 'Backup failed'));
	});
	provideFoyer(served);
	return { app: served, notes };
}

/**
 * Readies a site that just opened: seeds a new one with the demo (or leaves it empty for the
 * set-up walk-through), resets the admin's password from ADMIN_PASSWORD, and says where its
 * printers are. Returns the lines to print.
 */
async function prepareSite(app: Foyer, env: NodeJS.ProcessEnv): Promise<string[]> {
	const notes: string[] = [];
	// Never the URL itself: it may hold the database password.
	const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : app.dataDir;
	// Several processes starting together on one new database seed it once: the first to take
	// the lock seeds, the others then find its staff (the lock catches them up).
	const pw = await app.store
		.lock('seed')
		.run(async () =>
			app.staff.count() === 0 && env.SEED !== 'none'
				? seedDemo(app, env.ADMIN_PASSWORD || undefined)
				: null
		);
	const empty = app.staff.count() === 0;
	if (pw) {
		notes.push(
			`Demo service center "${app.site.site.name}" seeded in ${where}.`,
			`Desk login: admin / ${env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : pw.admin}`,
			`Demo staff (${DEMO_STAFF.map((s) => s.username).join(', ')}) / ${pw.staff}`,
			'These passwords are shown only now. Change them at the desk (Staff).'
		);
	} else if (empty) {
		app.setupCode = randomBytes(4).toString('hex').toUpperCase();
		notes.push(
			`Empty site in ${where}. Open the desk to set it up.`,
			`Set-up code: ${app.setupCode} (valid until this server stops)`
		);
	} else if (env.ADMIN_PASSWORD) {
		const admin = app.staff.byUsername('admin');
		if (admin && !(await verifyPassword(env.ADMIN_PASSWORD, admin.passwordHash))) {
			await app.staff.setPassword(null, admin.id, env.ADMIN_PASSWORD);
			notes.push('The admin password was reset from ADMIN_PASSWORD.');
		}
	}
	for (const p of app.printing.printerList()) {
		notes.push(
			p.target === 'virtual'
				? `Printer "${p.name}": virtual (${app.virtualPrinter.url}; jobs are recorded, not printed). Start with PRINTER=tcp://host:9100 for a real one.`
				: `Printer "${p.name}": ${p.target}`
		);
	}
	return notes;
}

/**
 * `npm run backup` when no server runs: opens the data folder (taking its lock, so a server
 * cannot start meanwhile), takes one backup and closes it. Resolves with the archive's path.
 */
export async function backupStopped(options: {
	dataDir: string;
	backupDir?: string | undefined;
	keep?: number | undefined;
	version: string;
}): Promise<{ file: string; bytes: number; files: number }> {
	const dataDir = resolve(options.dataDir);
	let zone = DEFAULT_TIME_ZONE;
	const store = await Store.open({ dir: dataDir, clock: systemClock, timeZone: () => zone });
	try {
		// The audit entry is filed under the site's day, as the server would file it.
		const site = await store.doc<{ timeZone?: unknown }>('site', {
			defaults: {},
			parse: (d) => (typeof d === 'object' && d ? d : {})
		});
		if (typeof site.data.timeZone === 'string') zone = site.data.timeZone;
		const audit = await AuditService.open(store);
		const backups = await BackupService.open(
			{ store, clock: systemClock, audit },
			{
				dir: resolve(options.backupDir || join(dirname(dataDir), 'backups')),
				keep: options.keep ?? 14,
				version: options.version
			}
		);
		const last = await backups.run(null);
		return last!;
	} finally {
		await store.close();
	}
}

export { restoreArchive, RestoreError } from './backup/archive';

// What the two-site harness needs (tests/helpers/company-server.js: one process serving two
// sites with a company, for the company's tests and screenshots).
export { createFoyer, provideFoyer } from './foyer';
export { Company };
export { SocketRouter } from './realtime/socket-router';
export { ServedSites } from './sites/served';
export { AuditService } from './audit/audit';
export { Store } from './store/store';
export { seedDemo } from './seed';
export { testHashingFromEnv } from './staff/test-hashing';
