/**
 * (b) Acknowledged-write latency with 10k, 100k and 1M records already stored: Foyer's store
 * against SQLite (better-sqlite3) holding the same rows, same machine, same run.
 *
 * Foyer: the history is written straight to day logs (lib/audit-days.js), then the store is
 * opened as the server opens it and AuditService.record() — the audit path every desk change
 * takes — is awaited N times in a row. Each append adds one JSON line to today's log and
 * fdatasyncs it, so the stored total should not matter; this checks that.
 *
 * SQLite: one table, primary key on id (an index), the same rows, then N single-row INSERTs in
 * autocommit with synchronous=FULL, in the default rollback journal (DELETE) and in WAL (a
 * copy of the same database each). The three engines take turns write by write. Both engines acknowledge only after the data is synced, so the comparison is like for
 * like. The target: Foyer's p99 within 1.2× of SQLite WAL's at the largest size.
 *
 * PostgreSQL (DATABASE_URL): the same rows loaded into a private PostgreSQL started for this
 * section (scripts/postgres.js, fsync on, its cluster on the same disk), then the same
 * AuditService.record() through PgStore: one INSERT in a transaction bound to the site
 * (set_config, INSERT, COMMIT pipelined in one round trip: docs/store.md, "Sites kept apart")
 * over a loopback connection, acknowledged after the WAL flush. As the test superuser, which the
 * row-level policies do not hold (a server should not log in as one). It takes its turn with the other engines. Without
 * PostgreSQL on the machine the row is left out, with a line saying so.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPrivatePostgres } from '../scripts/postgres.js';
import { TIME_ZONE, auditRecords, today, writeAuditDays } from './lib/audit-days.js';
import { loadStore } from './lib/app.js';
import { flushDirtyPages, removeDir, tempDir } from './lib/proc.js';
import { ms, nowUs, printTable, summarize } from './lib/stats.js';

const ACTOR = { id: 'stf_cashier', username: 'cashier' };
const DETAIL = { amountFen: 123_45, unit: '3-2-1201', method: 'qr' };

/** @param {{ sizes?: number[], appends?: number, warmup?: number }} o */
export async function run({
	sizes = [10_000, 100_000, 1_000_000],
	appends = 500,
	warmup = 5
} = {}) {
	const { Store, PgStore, AuditService, systemClock } = await loadStore();
	const postgres = await startPrivatePostgres({
		durable: true,
		log: (line) => console.error(`  store: ${line}`)
	});
	/** @type {Record<string, any>[]} */
	const rows = [];
	for (const size of sizes) {
		const dir = tempDir(`store-${size}`);
		mkdirSync(join(dir, 'foyer', 'audit'), { recursive: true });

		// Same history in all: every day's records go to its day log and into SQLite (one
		// database filled, then copied, so each journal mode has its own file).
		const t0 = Date.now();
		const db = new Database(join(dir, 'delete.sqlite'));
		const insert = createTable(db);
		db.pragma('synchronous = OFF'); // set-up only
		const fill = db.transaction((/** @type {any[]} */ records) =>
			records.forEach((r) => insert.run(toRow(r)))
		);
		const written = writeAuditDays({
			dir: join(dir, 'foyer', 'audit'),
			total: size,
			newestDay: today(),
			onDay: (_, records) => fill(records)
		});
		db.close();
		cpSync(join(dir, 'delete.sqlite'), join(dir, 'wal.sqlite'));
		flushDirtyPages();
		const prepMs = Date.now() - t0;
		console.error(
			`  store: ${size} records in ${written.days} day logs + SQLite, ${(prepMs / 1000).toFixed(1)} s`
		);

		// Foyer: open as the server does; each write is one awaited audit entry.
		const opened = nowUs();
		const store = await Store.open({
			dir: join(dir, 'foyer'),
			clock: systemClock,
			timeZone: () => TIME_ZONE
		});
		const audit = await AuditService.open(store);
		const openMs = (nowUs() - opened) / 1000;
		const engines = [
			{
				engine: 'Foyer store (day log: append 1 line + fdatasync)',
				write: () => audit.record(ACTOR, 'payment.recorded', 'pay_x', DETAIL),
				close: () => store.close(),
				openMs
			},
			sqliteWriter(join(dir, 'delete.sqlite'), 'DELETE'),
			sqliteWriter(join(dir, 'wal.sqlite'), 'WAL')
		];
		if (postgres) {
			const t1 = Date.now();
			engines.push(
				await postgresWriter(postgres.url, size, join(dir, 'foyer', 'audit'), {
					PgStore,
					AuditService,
					systemClock
				})
			);
			console.error(
				`  store: ${size} records into PostgreSQL, ${((Date.now() - t1) / 1000).toFixed(1)} s`
			);
		}
		const results = await timeRotating(
			appends,
			warmup,
			engines.map((e) => e.write)
		);
		for (const e of engines) await e.close();
		engines.forEach((e, k) =>
			rows.push({ engine: e.engine, size, ...results[k], openMs: e.openMs })
		);
		removeDir(dir);
		console.error(`  store: ${size} done`);
	}
	postgres?.stop();
	return { rows, appends, warmup };
}

/**
 * A database of its own on the private PostgreSQL, holding the day logs' records (read back
 * from the files just written, one INSERT per day), then PgStore + AuditService opened on it as
 * a server with DATABASE_URL opens them.
 * @param {string} url
 * @param {number} size
 * @param {string} auditDir
 * @param {any} foyer
 */
async function postgresWriter(url, size, auditDir, { PgStore, AuditService, systemClock }) {
	const name = `foyer_bench_${size}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${name}`);
	await admin.query(`CREATE DATABASE ${name}`);
	const dbUrl = new URL(url);
	dbUrl.pathname = `/${name}`;
	const open = () =>
		PgStore.open({ url: dbUrl.toString(), clock: systemClock, timeZone: () => TIME_ZONE });
	await (await open()).close(); // creates the schema

	const fill = new pg.Client({ connectionString: dbUrl.toString() });
	await fill.connect();
	await fill.query('SET synchronous_commit = off'); // set-up only
	for (const file of readdirSync(auditDir).sort()) {
		const day = file.slice(0, 10);
		const lines = readFileSync(join(auditDir, file), 'utf8').trimEnd();
		await fill.query(
			`INSERT INTO records (site_id, collection, id, day, data)
			 SELECT 'default', 'audit', r.value->>'id', $1::date, r.value
			 FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS r(value, n) ORDER BY r.n`,
			[day, `[${lines.split('\n').join(',')}]`]
		);
	}
	await fill.query('VACUUM ANALYZE records');
	await fill.query('CHECKPOINT');
	await fill.end();

	const opened = nowUs();
	const store = await open();
	const audit = await AuditService.open(store);
	const openMs = (nowUs() - opened) / 1000;
	return {
		engine: 'Foyer store on PostgreSQL (1 row INSERT, commit)',
		write: () => audit.record(ACTOR, 'payment.recorded', 'pay_x', DETAIL),
		close: async () => {
			await store.close();
			await admin.query(`DROP DATABASE ${name}`);
			await admin.end();
		},
		openMs
	};
}

/**
 * One SQLite database in `mode`, synchronous=FULL, inserting a fresh audit row per write.
 * @param {string} file
 * @param {'DELETE' | 'WAL'} mode
 */
function sqliteWriter(file, mode) {
	const db = new Database(file);
	db.pragma(`journal_mode = ${mode}`);
	db.pragma('synchronous = FULL');
	const insert = db.prepare(
		'INSERT INTO audit VALUES (@id, @at, @actor_id, @actor_username, @action, @target, @detail)'
	);
	const day = today();
	let i = 0;
	return {
		engine: `SQLite journal_mode=${mode}, synchronous=FULL`,
		write: () => {
			// A fresh record each time, built as Foyer builds one (id, timestamp, JSON detail).
			const [rec] = auditRecords(day, 1);
			insert.run(
				toRow({
					...rec,
					id: `${rec.id}${i++}`,
					actor: ACTOR,
					action: 'payment.recorded',
					detail: DETAIL
				})
			);
		},
		close: async () => db.close()
	};
}

/** @param {import('better-sqlite3').Database} db */
function createTable(db) {
	db.exec(`CREATE TABLE audit (
		id TEXT PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, actor_username TEXT,
		action TEXT NOT NULL, target TEXT, detail TEXT)`);
	return db.prepare(
		'INSERT INTO audit VALUES (@id, @at, @actor_id, @actor_username, @action, @target, @detail)'
	);
}

/** @param {any} r an audit record as Foyer stores it */
function toRow(r) {
	return {
		id: r.id,
		at: r.at,
		actor_id: r.actor?.id ?? null,
		actor_username: r.actor?.username ?? null,
		action: r.action,
		target: r.target,
		detail: r.detail === null ? null : JSON.stringify(r.detail)
	};
}

/**
 * Runs every engine's write warmup + n times, one of each per round, the order rotating each
 * round — so background load on this shared machine falls on all engines alike rather than on
 * whichever ran last. Each write is awaited alone; the first is reported on its own (Foyer
 * loads today's log then); warm-ups are not counted.
 * @param {number} n
 * @param {number} warmup
 * @param {(() => unknown)[]} writes
 */
async function timeRotating(n, warmup, writes) {
	const samples = writes.map(() => /** @type {number[]} */ ([]));
	const firstMs = writes.map(() => NaN);
	for (let i = 0; i < warmup + n; i++) {
		for (let j = 0; j < writes.length; j++) {
			const k = (i + j) % writes.length;
			const t0 = nowUs();
			await writes[k]();
			const took = (nowUs() - t0) / 1000;
			if (i === 0) firstMs[k] = took;
			if (i >= warmup) samples[k].push(took);
		}
	}
	return samples.map((s, k) => ({ ...summarize(s), firstMs: firstMs[k] }));
}

/** Prints the store table. */
export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	printTable(
		`Acknowledged write, ${r.appends} sequential appends after ${r.warmup} warm-ups, ms`,
		['engine', 'records stored', 'p50', 'p95', 'p99', 'max', 'first write', 'open'],
		r.rows.map((x) => [
			x.engine,
			x.size.toLocaleString('en'),
			...[x.p50, x.p95, x.p99, x.max, x.firstMs].map(ms),
			x.openMs === undefined ? '' : ms(x.openMs)
		])
	);
}

/** The store target: acknowledged write p99 within 1.2× of SQLite WAL's, with the most records measured. */
export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const largest = Math.max(...r.rows.map((x) => x.size));
	const at = (/** @type {string} */ prefix) =>
		r.rows.find((x) => x.size === largest && x.engine.startsWith(prefix));
	const foyer = at('Foyer store (day log');
	const wal = at('SQLite journal_mode=WAL');
	const postgres = at('Foyer store on PostgreSQL');
	if (!foyer || !wal) return [];
	return [
		{
			target: `store write p99 ≤ 1.2 × SQLite WAL p99 at ${largest.toLocaleString('en')} records`,
			measured: `${ms(foyer.p99)} ms vs ${ms(wal.p99)} ms (${(foyer.p99 / wal.p99).toFixed(2)}×)`,
			met: foyer.p99 <= 1.2 * wal.p99
		},
		// Stated, not a target: what DATABASE_URL costs a write against the lobby PC's store.
		...(postgres
			? [
					{
						target: `PostgreSQL write p50 / p99 vs the embedded store's (stated, no target)`,
						measured: `${ms(postgres.p50)} / ${ms(postgres.p99)} ms vs ${ms(foyer.p50)} / ${ms(foyer.p99)} ms`,
						met: null
					}
				]
			: [])
	];
}
