// Two sites served by one process with one company, on the build: each site on a port of its own
// (SvelteKit's handler and the site's own Socket.IO), and the company's accounts in a third data
// folder. For the company's integration test and its screenshots, until the production server
// serves several sites itself (SITES, by Host). `foyer()` names one Foyer for the whole process,
// so requests are answered one at a time, each with its site's Foyer in place: slow, and only
// for tests.
//
// `node tests/helpers/company-server.js DIR` prints one JSON line once both sites listen:
// { sites: { north: { url, admin }, south: { url, admin } }, head: { username, password } }.
import http from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';

const root = new URL('../..', import.meta.url).pathname;
const dir = process.argv[2];
if (!dir) throw new Error('usage: node tests/helpers/company-server.js DATA_PARENT');

// As server.js does: tell adapter-node each connection's protocol, so cookies work over http.
process.env.PROTOCOL_HEADER = 'x-foyer-protocol';
process.env.BODY_SIZE_LIMIT ??= '16M';
const { handler } = await import(join(root, 'build/handler.js'));
const main = await import(join(root, 'build/foyer/main.js'));
const {
	createFoyer,
	provideFoyer,
	Company,
	AuditService,
	Store,
	seedDemo,
	testHashingFromEnv,
	SocketRouter,
	ServedSites
} = main;

// The sites differ in what happened there (`busy`: homes that paid, tickets served), so a total
// that counted one site twice would show.
const SITES = [
	{
		id: 'north',
		name: '翠湖花园物业服务中心',
		nameEn: 'Emerald Lake Gardens Service Center',
		busy: 3
	},
	{
		id: 'south',
		name: '南湖花园物业服务中心',
		nameEn: 'South Lake Gardens Service Center',
		busy: 8
	}
];

/**
 * Some of a day's work at a site: `n` homes pay their bills in cash and rate the service (every
 * third a 3: not satisfied), `n` tickets are served.
 */
async function activity(app, n) {
	const drawer = { id: 'seed', name: '收银' };
	for (const [i, unit] of app.site.site.units.slice(0, n).entries()) {
		const billIds = app.fees.unpaid(unit.id).map((b) => b.id);
		if (!billIds.length) continue;
		const entry = await app.fees.pay(null, { unitId: unit.id, billIds, method: 'cash', drawer });
		await app.ratings.rate(entry.id, 'receipt', { score: i % 3 === 2 ? 3 : 5, remarks: '' });
	}
	for (let i = 0; i < n; i++) {
		await app.queue.take({ service: 'fees' });
		await app.queue.callNext(null, 'counter-1');
	}
	await app.queue.finish(null, 'counter-1');
}
const clock = { now: () => new Date() };
const logger = main.createLogger({ level: 'warn' });

const companyDir = join(dir, 'company');
await mkdir(companyDir, { recursive: true });
testHashingFromEnv(process.env, companyDir);
const companyStore = await Store.open({ dir: companyDir, clock, timeZone: () => 'Asia/Shanghai' });
const company = await Company.open(companyStore, {
	clock,
	audit: await AuditService.open(companyStore)
});

/** Requests one at a time: `foyer()` is the one Foyer of the request being answered. */
let turn = Promise.resolve();
function serve(app, req, res) {
	turn = turn.then(
		() =>
			new Promise((done) => {
				provideFoyer(new ServedSites(new Map([[app.siteId, app]])));
				req.headers['x-foyer-protocol'] = 'http';
				res.once('close', done);
				handler(req, res);
			})
	);
}

const started = {};
const apps = [];
for (const site of SITES) {
	const dataDir = join(dir, site.id, 'data');
	await mkdir(dataDir, { recursive: true });
	let app;
	// SvelteKit's handler first: Socket.IO only lets /socket.io/ requests past the listeners.
	const server = http.createServer((req, res) => serve(app, req, res));
	app = await createFoyer({
		dataDir,
		site: site.id,
		sockets: new SocketRouter(server, () => site.id),
		version: 'test',
		logger,
		company,
		backupDir: join(dir, site.id, 'backups')
	});
	apps.push(app);
	const pw = await seedDemo(app, process.env.ADMIN_PASSWORD || undefined);
	await app.site.replace(null, { ...app.site.site, name: site.name, nameEn: site.nameEn });
	await activity(app, site.busy);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	company.addSite({ id: site.id, foyer: app, origin: url });
	started[site.id] = { url, admin: pw.admin, staff: pw.staff };
}
const lines = await company.seedIfEmpty(process.env.HEAD_PASSWORD || undefined);
// COMPANY_ACCOUNTS: more accounts, as `npm run accounts -- add` would make them (a JSON list).
for (const account of JSON.parse(process.env.COMPANY_ACCOUNTS || '[]')) {
	await company.accounts.add(account);
}
const password = process.env.HEAD_PASSWORD || /head \/ (\S+)/.exec(lines[0] ?? '')?.[1];
console.log(JSON.stringify({ sites: started, head: { username: 'head', password } }));

async function stop() {
	for (const app of apps) await app.close();
	await companyStore.close();
	process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
