/**
 * (b) Acknowledged-write latency with 10k, 100k and 1M records already stored: Foyer's store
 * against SQLite (better-sqlite3) holding the same rows, same machine, same run.
 *
 * Foyer: the history is written straight to day files (lib/audit-days.js), then the store is
 * opened as the server opens it and AuditService.record() — the audit path every desk change
 * takes — is awaited N times in a row. Each append rewrites today's file only (about a
 * thousand records, growing by N), so the stored total should not matter; this checks that.
 *
 * SQLite: one table, primary key on id (an index), the same rows, then N single-row INSERTs in
 * autocommit with synchronous=FULL, first in the default rollback journal (DELETE), then in
 * WAL. Both engines acknowledge only after fsync, so the comparison is like for like.
 *
 * At the largest size, one what-if row sizes the obvious fix (see lineAppender).
 */
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditRecords, today, writeAuditDays } from './lib/audit-days.js';
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
	const { Store, AuditService, systemClock } = await loadStore();
	/** @type {Record<string, any>[]} */
	const rows = [];
	for (const size of sizes) {
		const dir = tempDir(`store-${size}`);
		mkdirSync(join(dir, 'foyer', 'audit'), { recursive: true });
		const db = new Database(join(dir, 'audit.sqlite'));
		const insert = createTable(db);

		// Same history in both: every day's records go to its day file and into SQLite.
		const t0 = Date.now();
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
		db.pragma('synchronous = FULL');
		flushDirtyPages();
		const prepMs = Date.now() - t0;
		console.error(
			`  store: ${size} records in ${written.days} day files + SQLite, ${(prepMs / 1000).toFixed(1)} s`
		);

		// Foyer: open as the server does, then await each append in turn.
		const opened = nowUs();
		const store = await Store.open({ dir: join(dir, 'foyer'), clock: systemClock });
		const audit = await AuditService.open(store);
		const openMs = (nowUs() - opened) / 1000;
		const foyer = await timeSequential(appends, warmup, () =>
			audit.record(ACTOR, 'payment.recorded', 'pay_x', DETAIL)
		);
		await store.close();
		rows.push({
			engine: 'Foyer store (day files, fsync file + folder)',
			size,
			openMs,
			...foyer,
			firstMs: foyer.firstMs
		});

		// SQLite, rollback journal then WAL; synchronous=FULL in both.
		for (const mode of ['DELETE', 'WAL']) {
			db.pragma(`journal_mode = ${mode}`);
			db.pragma('synchronous = FULL');
			const day = today();
			let i = 0;
			const r = await timeSequential(appends, warmup, () => {
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
			});
			rows.push({ engine: `SQLite journal_mode=${mode}, synchronous=FULL`, size, ...r });
		}
		db.close();
		if (size === Math.max(...sizes)) {
			const r = await timeSequential(appends, warmup, await lineAppender(dir));
			rows.push({ engine: 'what-if: append 1 JSON line + fdatasync (not Foyer code)', size, ...r });
		}
		removeDir(dir);
		console.error(`  store: ${size} done`);
	}
	return { rows, appends, warmup };
}

/**
 * What-if, to size a fix rather than to measure Foyer: today's partition as an append-only
 * JSON Lines file — each write adds one line and fdatasyncs (which also makes the new length
 * durable), instead of rewriting the whole day and renaming it into place.
 * @param {string} dir
 */
async function lineAppender(dir) {
	const { syncFolder } = await loadStore();
	const file = await open(join(dir, 'foyer', 'audit', 'today.jsonl'), 'a');
	await syncFolder(join(dir, 'foyer', 'audit')); // the new file's entry, once, as a store would
	const [rec] = auditRecords(today(), 1);
	return async () => {
		await file.write(
			`${JSON.stringify({ ...rec, at: new Date().toISOString(), detail: DETAIL })}\n`
		);
		await file.datasync();
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
 * Awaits `write` warmup + n times in a row; the first call is reported on its own (Foyer loads
 * today's file then), warm-ups are not counted.
 * @param {number} n
 * @param {number} warmup
 * @param {() => unknown} write
 */
async function timeSequential(n, warmup, write) {
	const samples = [];
	let firstMs = NaN;
	for (let i = 0; i < warmup + n; i++) {
		const t0 = nowUs();
		await write();
		const took = (nowUs() - t0) / 1000;
		if (i === 0) firstMs = took;
		if (i >= warmup) samples.push(took);
	}
	return { ...summarize(samples), firstMs };
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

/** The store target: acknowledged write p99 ≤ 10 ms with the most records measured (1M). */
export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const foyer = r.rows.filter((x) => x.engine.startsWith('Foyer'));
	const big = foyer.find((x) => x.size === Math.max(...foyer.map((y) => y.size)));
	if (!big) return [];
	return [
		{
			target: `store write p99 ≤ 10 ms at ${big.size.toLocaleString('en')} records`,
			measured: `${ms(big.p99)} ms`,
			met: big.p99 <= 10
		}
	];
}
