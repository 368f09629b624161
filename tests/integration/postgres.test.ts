import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentView } from '../../src/lib/domain/payment';
import { ordinaryRoleGrants } from '../../src/lib/server/store/pg/role';
import { runMigrate } from '../../src/lib/server/store/transfer/command';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres';
import { removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server';

// A whole server on PostgreSQL (DATABASE_URL): what it is given must outlive a restart.
describe.runIf(TEST_DATABASE_URL)('Foyer on PostgreSQL', () => {
	let db: TestDatabase;
	let server: RunningServer;
	const start = (dataDir?: string) => startServer({ dataDir, env: { DATABASE_URL: db.url } });

	beforeAll(async () => {
		db = await createTestDatabase();
		server = await start();
	});
	afterAll(async () => {
		if (server?.process.exitCode === null) await server.stop();
		if (server) await removeDir(server.dataDir);
		await db?.drop();
	});

	function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
		return fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify(body)
		}).then(async (r) => ({ status: r.status, body: (await r.json()) as T }));
	}

	/** The kiosk's identify step for a seeded unit, with the resident's phone from the database. */
	async function identify(unitId: string): Promise<string> {
		const { rows } = await db.query(`SELECT data FROM documents WHERE name = 'site'`);
		const site = rows[0].data as { residents: { unitId: string; phone: string }[] };
		const phone = site.residents.find((r) => r.unitId === unitId)!.phone;
		const [building, entrance, room] = unitId.split('-');
		const r = await post<{ visit: { token: string } }>('/api/kiosk/identify', {
			building,
			entrance,
			room,
			phoneTail: phone.slice(-4)
		});
		expect(r.status).toBe(200);
		return r.body.visit.token;
	}

	it('seeds the demo, takes a ticket and a QR payment, and has both after a restart', async () => {
		expect((await fetch(`${server.url}/kiosk`)).status).toBe(200);

		const ticket = await post<{ ticket: { id: string; label: string } }>('/api/queue/tickets', {
			service: 'fees'
		});
		expect(ticket.status).toBe(201);
		expect(ticket.body.ticket.label).toBe('A001');

		const visit = await identify('2-1-301');
		const bills = await post<{ bills: { id: string }[] }>('/api/kiosk/bills', { visit });
		expect(bills.body.bills.length).toBeGreaterThan(0);
		const pay = await post<{ intent: IntentView }>('/api/kiosk/pay', {
			visit,
			billIds: bills.body.bills.map((b) => b.id)
		});
		expect(pay.status).toBe(201);
		// The sandbox's phone page: "confirm payment".
		const confirmed = await fetch(pay.body.intent.qrPayload!, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			body: ''
		});
		expect(confirmed.status).toBe(200);
		const state = () =>
			post<{ intent: IntentView }>(`/api/kiosk/pay/${pay.body.intent.id}`, { visit });
		await expect.poll(async () => (await state()).body.intent.status).toBe('paid');
		const { receiptNo, receiptToken } = (await state()).body.intent;
		expect(receiptNo).toMatch(/^\d{4}-\d{6}$/);

		// Kept in the database, not in the data folder.
		const docs = await db.query('SELECT name FROM documents');
		expect(docs.rows.map((r: { name: string }) => r.name)).toContain('site');
		const dataFiles = await readdir(server.dataDir).catch(() => [] as string[]);
		expect(dataFiles.filter((f) => /\.(json|log)$/.test(f))).toEqual([]);

		expect(await server.stop()).toBe(0);
		server = await start(server.dataDir);
		expect(server.output()).not.toContain('seeded');

		const again = await fetch(`${server.url}/api/queue/tickets/${ticket.body.ticket.id}`);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ ticket: { label: 'A001', status: 'waiting' } });
		const next = await post<{ ticket: { label: string } }>('/api/queue/tickets', {
			service: 'fees'
		});
		expect(next.body.ticket.label).toBe('A002');

		const receipt = await fetch(`${server.url}/r/${receiptToken}`);
		expect(receipt.status).toBe(200);
		expect(await receipt.text()).toContain(receiptNo);
		const unpaid = await post<{ bills: unknown[] }>('/api/kiosk/bills', {
			visit: await identify('2-1-301')
		});
		expect(unpaid.body.bills).toEqual([]);
	});

	it('refuses a database written by a newer Foyer, saying so, and changes nothing', async () => {
		const newer = await createTestDatabase();
		const dataDir = await tempDataDir();
		try {
			await newer.query(
				`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
				 applied_at timestamptz NOT NULL DEFAULT now());
				 INSERT INTO schema_migrations (version, name) VALUES (1, 'init'), (999, 'future')`
			);
			const error = await startServer({ dataDir, env: { DATABASE_URL: newer.url } }).then(
				async (s) => {
					await s.stop();
					return null;
				},
				(e: unknown) => e as Error
			);
			expect(error?.message).toMatch(/^server exited with 1:/);
			expect(error?.message).toContain('Foyer did not start');
			expect(error?.message).toContain('version 999, which this Foyer does not know');
			const tables = await newer.query(
				`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
			);
			expect(tables.rows).toEqual([{ table_name: 'schema_migrations' }]);
		} finally {
			await newer.drop();
			await removeDir(dataDir);
		}
	});
});

// As operators are told to run it (docs/store.md, "The database role"): the owner applies the
// schema with `npm run migrate -- --to URL`, the servers log in as an ordinary role that
// row-level security holds to the site each transaction binds.
describe.runIf(TEST_DATABASE_URL)('Foyer on PostgreSQL as an ordinary role', () => {
	it('starts, seeds, takes a ticket and is ready, with no warning of a bypassing role', async () => {
		const db = await createTestDatabase();
		const dataDir = await tempDataDir();
		let server: RunningServer | null = null;
		try {
			const lines: string[] = [];
			const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
			expect(await runMigrate(['--to', db.url], out)).toBe(0);
			const url = await db.ordinaryRole(ordinaryRoleGrants);
			server = await startServer({ dataDir, env: { DATABASE_URL: url } });
			expect(server.output()).toContain('seeded in PostgreSQL');
			expect(server.output()).not.toMatch(/bypass row-level security|is a superuser/);
			const ticket = await fetch(`${server.url}/api/queue/tickets`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({ service: 'fees' })
			});
			expect(ticket.status).toBe(201);
			expect((await ticket.json()).ticket.label).toBe('A001');
			expect((await fetch(`${server.url}/healthz/ready`)).status).toBe(200);
			const sites = await db.query(
				'SELECT DISTINCT site_id FROM records UNION SELECT site_id FROM documents ORDER BY 1'
			);
			// The site's rows, and the company's (its head-office account: docs/company.md).
			expect(sites.rows).toEqual([{ site_id: '_company' }, { site_id: 'default' }]);
		} finally {
			if (server?.process.exitCode === null) await server.stop();
			await removeDir(dataDir);
			await db.drop();
		}
	});
});
