import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres';
import { login, removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server';

const root = new URL('../..', import.meta.url).pathname;

/** Runs `npm run migrate -- …` as an operator would (the script itself, on the build). */
function migrate(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
	const child = spawn(process.execPath, [join(root, 'scripts/migrate.js'), ...args], { cwd: root });
	let out = '';
	let err = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr.on('data', (d: Buffer) => (err += d.toString()));
	return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

/** A cash payment of a unit's first unpaid bill at the desk; resolves with its receipt number. */
async function payCash(server: RunningServer, cookie: string, unitId: string): Promise<string> {
	const post = (path: string, body: unknown) =>
		fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify(body)
		}).then((r) => r.json());
	const [building, entrance, room] = unitId.split('-');
	const site = JSON.parse(
		await readFile(join(server.dataDir, 'site.json'), 'utf8').catch(() => 'null')
	) as { residents: { unitId: string; phone: string }[] } | null;
	const phone = site?.residents.find((r) => r.unitId === unitId)?.phone ?? PHONES[unitId]!;
	const { visit } = (await post('/api/kiosk/identify', {
		building,
		entrance,
		room,
		phoneTail: phone.slice(-4)
	})) as { visit: { token: string } };
	const { bills } = (await post('/api/kiosk/bills', { visit: visit.token })) as {
		bills: { id: string; amountFen: number }[];
	};
	const bill = bills[0]!;
	const res = await fetch(`${server.url}/desk/fees?/pay`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			cookie,
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({
			unitId,
			billId: bill.id,
			method: 'cash',
			tendered: (bill.amountFen / 100).toFixed(2)
		}).toString()
	});
	const answer = (await res.json()) as { type: string; data?: string };
	expect(answer.type).toBe('success');
	return /"(\d{4}-\d{6})"/.exec(answer.data ?? '')![1]!;
}

/** Residents' phones of the units paid on a server whose site is in the database (no site.json). */
const PHONES: Record<string, string> = {};

/** Every record of a data folder by collection, in listing order (last version of each id). */
async function folderRecords(dir: string): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		if (!entry.isDirectory() || ['photos', 'secrets'].includes(entry.name)) continue;
		if (entry.name.startsWith('.')) continue;
		const days = (await readdir(join(dir, entry.name))).filter((n) => n.endsWith('.log')).sort();
		const byId = new Map<string, unknown>();
		for (const day of days) {
			const text = await readFile(join(dir, entry.name, day), 'utf8');
			for (const line of text.split('\n').filter(Boolean)) {
				const r = JSON.parse(line) as { id: string };
				byId.set(r.id, r);
			}
		}
		if (byId.size) out[entry.name] = [...byId.values()];
	}
	return out;
}

/** Every document of a data folder. */
async function folderDocuments(dir: string): Promise<Record<string, unknown>> {
	const out: Record<string, unknown> = {};
	for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort())
		out[name] = JSON.parse(await readFile(join(dir, name), 'utf8'));
	return out;
}

const counts = (records: Record<string, unknown[]>) =>
	Object.fromEntries(Object.entries(records).map(([c, r]) => [c, r.length]));

// Two lobby PCs' data folders, seeded by real servers, moved into one database and back.
describe.runIf(TEST_DATABASE_URL)('npm run migrate', () => {
	let db: TestDatabase;
	let north: RunningServer;
	let south: RunningServer;
	const receipts = { north: [] as string[], south: [] as string[] };
	const cleanup: string[] = [];
	let filesDir: string;

	beforeAll(async () => {
		db = await createTestDatabase();
		filesDir = await tempDataDir();
		cleanup.push(filesDir);
		[north, south] = await Promise.all([startServer(), startServer()]);
		cleanup.push(north.dataDir, south.dataDir);
		const [n, s] = await Promise.all([login(north), login(south)]);
		receipts.north.push(await payCash(north, n, '2-1-301'), await payCash(north, n, '3-2-1001'));
		receipts.south.push(await payCash(south, s, '2-1-301'));
		for (const server of [north, south]) {
			const t = await fetch(`${server.url}/api/queue/tickets`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({ service: 'fees' })
			});
			expect(t.status).toBe(201);
		}
		const site = JSON.parse(await readFile(join(south.dataDir, 'site.json'), 'utf8')) as {
			residents: { unitId: string; phone: string }[];
		};
		for (const r of site.residents) PHONES[r.unitId] ??= r.phone;
	});
	afterAll(async () => {
		for (const s of [north, south]) if (s?.process.exitCode === null) await s.stop();
		for (const dir of cleanup) await removeDir(dir);
		await db?.drop();
	});

	const siteCounts = async (site: string) => {
		const { rows } = await db.query(
			`SELECT collection, count(*)::int AS n FROM records WHERE site_id = $1 GROUP BY 1 ORDER BY 1`,
			[site]
		);
		return Object.fromEntries(
			rows.map((r: { collection: string; n: number }) => [r.collection, r.n])
		);
	};

	it('refuses a data folder a running server holds, and changes nothing', async () => {
		const r = await migrate('--from', north.dataDir, '--to', db.url, '--site', 'north');
		expect(r.code).toBe(1);
		expect(r.err.trim()).toMatch(
			/^Not migrated: the data folder .* is in use by a running Foyer server \(pid \d+\); stop it first/
		);
		const tables = await db.query(
			`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`
		);
		expect(tables.rows[0].n).toBe(0);
	});

	it('moves two sites into one database, each apart with its own counts and money', async () => {
		expect(await north.stop()).toBe(0);
		expect(await south.stop()).toBe(0);
		// The payment keys are a file the PostgreSQL servers read from their own DATA_DIR.
		await mkdir(join(north.dataDir, 'secrets'), { mode: 0o700 });
		await writeFile(join(north.dataDir, 'secrets', 'payments.json'), '{"keys":1}', { mode: 0o600 });
		const [a, b] = await Promise.all([
			migrate('--from', north.dataDir, '--to', db.url, '--site', 'north', '--files-to', filesDir),
			migrate(`--from=${south.dataDir}`, `--to=${db.url}`, '--site=south')
		]);
		expect(a.err + b.err).toBe('');
		expect(a.code).toBe(0);
		expect(b.code).toBe(0);
		expect(a.out).toContain('Moved ');
		expect(a.out).toMatch(/last receipt \d{4} +\d{4}-000002 +\d{4}-000002/);
		expect(a.out).toContain('content of every document and record');
		expect(a.out).not.toContain('MISMATCH');
		expect(a.out).toContain(`Copied 1 files (secrets/) into ${filesDir}`);
		expect((await stat(join(filesDir, 'secrets', 'payments.json'))).mode & 0o777).toBe(0o600);
		expect(await siteCounts('north')).toEqual(counts(await folderRecords(north.dataDir)));
		expect(await siteCounts('south')).toEqual(counts(await folderRecords(south.dataDir)));
		const { rows } = await db.query(
			`SELECT site_id, count(*)::int AS n FROM documents GROUP BY 1 ORDER BY 1`
		);
		expect(rows).toEqual([
			{ site_id: 'north', n: Object.keys(await folderDocuments(north.dataDir)).length },
			{ site_id: 'south', n: Object.keys(await folderDocuments(south.dataDir)).length }
		]);
	});

	it('says "already migrated" on a re-run, and refuses another folder into a taken site', async () => {
		const before = await siteCounts('north');
		// At the same moment: the two queue on the site's lock, and neither changes anything.
		const [again, other] = await Promise.all([
			migrate('--from', north.dataDir, '--to', db.url, '--site', 'north'),
			migrate('--from', south.dataDir, '--to', db.url, '--site', 'north')
		]);
		expect(again.code).toBe(0);
		expect(again.out).toContain('Already migrated, verified');
		expect(other.code).toBe(1);
		expect(other.err).toContain('site "north" in the database already holds other data');
		expect(other.err).toContain('MISMATCH');
		expect(await siteCounts('north')).toEqual(before);
	});

	it('exports a site back into a folder with the same documents and records in the same order', async () => {
		const target = join(await tempDataDir(), 'exported');
		cleanup.push(target);
		const r = await migrate(
			'--from',
			db.url,
			'--site',
			'north',
			'--to',
			target,
			'--files-from',
			filesDir
		);
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(r.out).toContain('Exported ');
		expect(await folderRecords(target)).toEqual(await folderRecords(north.dataDir));
		expect(await readFile(join(target, 'secrets', 'payments.json'), 'utf8')).toBe('{"keys":1}');
		const docs = await folderDocuments(north.dataDir);
		expect(await folderDocuments(target)).toEqual(docs);

		// The embedded Foyer starts on it and goes on with the next receipt number.
		const server = await startServer({ dataDir: target });
		try {
			expect(server.output()).not.toContain('seeded');
			const next = await payCash(server, await login(server), '2-1-301');
			const [year, seq] = receipts.north[1]!.split('-');
			expect(next).toBe(`${year}-${String(Number(seq) + 1).padStart(6, '0')}`);
		} finally {
			await server.stop();
		}
	});

	it("starts a server on the database with SITE that goes on with that site's receipt numbers", async () => {
		const dataDir = await tempDataDir();
		cleanup.push(dataDir);
		const server = await startServer({ dataDir, env: { DATABASE_URL: db.url, SITE: 'south' } });
		try {
			expect(server.output()).not.toContain('seeded');
			const next = await payCash(server, await login(server), '2-1-301');
			const [year, seq] = receipts.south[0]!.split('-');
			expect(next).toBe(`${year}-${String(Number(seq) + 1).padStart(6, '0')}`);
			const { rows } = await db.query(
				`SELECT count(*)::int AS n FROM records WHERE site_id = 'north' AND collection = 'ledger'`
			);
			expect(rows[0].n).toBe(2);
		} finally {
			await server.stop();
		}
	});

	it('answers wrong use in one plain line with exit code 1, never printing a password', async () => {
		const dir = await tempDataDir();
		cleanup.push(dir);
		await mkdir(join(dir, 'x'));
		await writeFile(join(dir, 'x', 'note.txt'), 'not empty');
		const cases: [string[], RegExp][] = [
			[['--from', dir, '--to', db.url, '--site', 'a', '--force'], /unknown option --force/],
			[['--from', dir, '--to', db.url], /--site NAME is missing/],
			[
				[
					'--from',
					north.dataDir,
					'--to',
					'postgres://foyer:s3cret-pw@127.0.0.1:1/foyer',
					'--site',
					'x'
				],
				/cannot open PostgreSQL \(foyer at 127\.0\.0\.1:1\/foyer\)/
			],
			[
				['--from', db.url, '--site', 'north', '--to', dir],
				/is not empty: export into an empty or new folder/
			],
			[
				['--from', db.url, '--site', 'east', '--to', join(dir, 'new')],
				/there is no site "east" in the database \(sites there: north, south\)/
			]
		];
		const results = await Promise.all(cases.map(([args]) => migrate(...args)));
		for (const [i, [args, message]] of cases.entries()) {
			const r = results[i]!;
			expect(r.code, args.join(' ')).toBe(1);
			expect(r.err.trim().split('\n')).toHaveLength(1);
			expect(r.err).toMatch(message);
			expect(r.err + r.out).not.toContain('s3cret-pw');
		}
	});
});
