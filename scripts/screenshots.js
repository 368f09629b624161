// `npm run screenshots [outDir]`: starts Foyer on a fresh demo data folder and saves a PNG of
// every screen, in Chinese and English, at the sizes the devices have (kiosk 1080×1920
// portrait, wall display 1920×1080, desk 1366×900). For looking at what we built.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from './chromium.js';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2] ?? join(tmpdir(), 'foyer-screens');
// `npm run screenshots DIR desk-site`: only the screens whose name starts with that.
const only = process.argv[3] ?? '';
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'foyer-shots-'));
const password = 'screens-admin-pw-1';
const server = spawn(process.execPath, [join(root, 'server.js')], {
	env: {
		...process.env,
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		ADMIN_PASSWORD: password
	},
	stdio: ['ignore', 'pipe', 'inherit']
});
const base = await new Promise((resolve) => {
	let text = '';
	server.stdout.on('data', (d) => {
		text += d;
		const m = /running on [^:]+:(\d+)/.exec(text);
		if (m) resolve(`http://127.0.0.1:${m[1]}`);
	});
});

// Whatever happens below, the server must not outlive this script.
process.on('exit', () => server.kill('SIGKILL'));
process.on('unhandledRejection', (e) => {
	console.error(e);
	process.exit(1);
});

// The full browser when installed: these pictures are what a kiosk or wall PC shows.
const exe = chromiumPath({ shell: false });
const browser = await chromium.launch({
	...(exe ? { executablePath: exe } : {}),
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
async function shot(name, url, viewport, prepare) {
	if (!name.startsWith(only)) return;
	const page = await browser.newPage({ viewport });
	page.setDefaultTimeout(15_000);
	await page.goto(base + url);
	await page.waitForLoadState('networkidle');
	if (prepare) await prepare(page);
	await page.waitForTimeout(300); // let the last transition settle before the picture
	await page.screenshot({ path: join(out, `${name}.png`) });
	await page.close();
}
const kiosk = { width: 1080, height: 1920 };
const wall = { width: 1920, height: 1080 };
const desk = { width: 1366, height: 900 };

// Something to show: log in and publish two notices.
const login = await fetch(`${base}/api/session`, {
	method: 'POST',
	headers: { 'content-type': 'application/json', origin: base },
	body: JSON.stringify({ username: 'admin', password })
});
const cookie = login.headers.getSetCookie()[0].split(';')[0];
for (const n of [
	{
		title: '3栋电梯本周六上午检修',
		body: '9:00–12:00 停运，请走 2 号电梯。给您带来不便，敬请谅解。'
	},
	{ title: '小区停水通知', body: '周日 8:00–10:00 二次供水设备清洗，请提前储水。', level: 'urgent' }
]) {
	await fetch(`${base}/api/notices`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base, cookie },
		body: JSON.stringify(n)
	});
}

// A queue with a call on the board.
for (const service of ['fees', 'fees', 'repairs', 'affairs']) {
	await fetch(`${base}/api/queue/tickets`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base },
		body: JSON.stringify({ service })
	});
}
await fetch(`${base}/desk/queue?/call`, {
	method: 'POST',
	headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie },
	body: 'counter=counter-2'
});

// The manager's 概览 with a day under way: one ticket served (the next call finishes it) and
// a bill paid in cash at the desk.
await fetch(`${base}/desk/queue?/call`, {
	method: 'POST',
	headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie },
	body: 'counter=counter-2'
});
{
	const post = (path, body) =>
		fetch(`${base}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: base },
			body: JSON.stringify(body)
		}).then((r) => r.json());
	const { visit } = await post('/api/kiosk/identify', {
		building: '3',
		entrance: '2',
		room: '1001',
		phoneTail: '3857'
	});
	const { bills } = await post('/api/kiosk/bills', { visit: visit.token });
	await fetch(`${base}/desk/fees?/pay`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie },
		body: new URLSearchParams({
			unitId: '3-2-1001',
			billId: bills[0].id,
			method: 'cash',
			tendered: (bills[0].amountFen / 100).toFixed(2)
		}).toString()
	});
}

await shot('kiosk-attract', '/kiosk', kiosk);
await shot('kiosk-ticket', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByRole('button', { name: /取号排队/ }).click();
	await p.getByRole('button', { name: /缴费业务/ }).click();
	await p.getByRole('button', { name: '跳过，直接取号' }).click();
	await p.getByTestId('ticket').waitFor();
});
await shot('kiosk-identify', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByRole('button', { name: /取号排队/ }).click();
	await p.getByRole('button', { name: /报修投诉/ }).click();
	await p.getByRole('button', { name: '登记房屋后取号' }).click();
	await p.getByRole('button', { name: '3 栋' }).click();
	await p.getByRole('button', { name: '2 单元' }).click();
	for (const d of '1001') await p.getByRole('button', { name: d, exact: true }).click();
	await p.getByRole('button', { name: '确认' }).click();
	await p.getByRole('button', { name: '8', exact: true }).click();
});
// The next visitor's screen after a ticket's 完成 (every kiosk step with the banner, in both
// languages, is saved by tests/e2e/kiosk.fit.spec.ts; every ending by kiosk.visit-ends.spec.ts).
await shot('kiosk-after-done', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByTestId('lang').click();
	await p.getByTestId('tile-ticket').click();
	await p.locator('.service-tile').first().click();
	await p.locator('.choice').last().click();
	await p.getByTestId('done').click();
	await p.locator('.kiosk[data-screen=attract]').waitFor();
});
await shot('display-queue', '/display/queue', wall);
await shot('kiosk-home-zh', '/kiosk', kiosk, (p) => p.getByText('请触摸屏幕开始').click());
await shot('kiosk-home-en', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByTestId('lang').click();
});
await shot('kiosk-idle-warning', '/kiosk', kiosk, async (p) => {
	await p.clock.install();
	await p.reload();
	await p.getByText('请触摸屏幕开始').click();
	await p.clock.fastForward(65_000);
});
// Requests on the work-order board.
for (const [category, areaId, chip] of [
	['repair', 'lift', 'lift'],
	['cleaning', 'stairs', 'stairwell'],
	['greening', 'garden', 'trim'],
	['complaint', 'garage', 'parking']
]) {
	await fetch(`${base}/api/kiosk/report`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base },
		body: JSON.stringify({ category, where: 'area', areaId, chips: [chip] })
	});
}
for (const [suffix, q] of [
	['', ''],
	['-en', '?lang=en']
]) {
	await shot(`display-queue${suffix}`, `/display/queue${q}`, wall);
	await shot(`display-workorders${suffix}`, `/display/workorders${q}`, wall);
	await shot(`display-rooms${suffix}`, `/display/rooms${q}`, wall);
	// A door panel as mounted: an 800×1280 portrait tablet.
	await shot(`display-room${suffix}`, `/display/room?room=room-1${q && '&lang=en'}`, {
		width: 800,
		height: 1280
	});
}
await shot('kiosk-bills-en', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByTestId('tile-pay').click();
	await p.getByRole('button', { name: '3 栋' }).click();
	await p.getByRole('button', { name: '2 单元' }).click();
	for (const d of '1001') await p.getByRole('button', { name: d, exact: true }).click();
	await p.getByRole('button', { name: '确认' }).click();
	for (const d of '3857') await p.getByRole('button', { name: d, exact: true }).click();
	await p.getByRole('button', { name: '确认' }).click();
	await p.getByTestId('bill').first().waitFor();
	await p.getByTestId('lang').click();
});
await shot('kiosk-report-areas-en', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByTestId('lang').click();
	await p.getByTestId('tile-report').click();
});
await shot('kiosk-pay', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByTestId('tile-pay').click();
});
await shot('kiosk-report', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByTestId('tile-report').click();
});
await shot('kiosk-checkin', '/kiosk', kiosk, async (p) => {
	await p.getByText('请触摸屏幕开始').click();
	await p.getByTestId('tile-checkin').click();
});
await shot('display-notices-zh', '/display/notices', wall);
await shot('display-notices-en', '/display/notices?lang=en', wall);
await shot('display-notices-4k', '/display/notices', { width: 3840, height: 2160 });
await shot('desk-login', '/desk/login', desk);
for (const lang of ['zh-CN', 'en']) {
	const ctx = await browser.newContext({ viewport: desk });
	await ctx.addCookies([
		{ name: 'foyer_session', value: cookie.split('=')[1], url: base },
		{ name: 'foyer_lang', value: lang, url: base }
	]);
	for (const [name, url] of [
		['desk-home', '/desk'],
		// The live "today" panel, scrolled to.
		['desk-today', '/desk#today-title'],
		['desk-notices', '/desk/notices'],
		['desk-queue', '/desk/queue'],
		['desk-staff', '/desk/staff'],
		['desk-audit', '/desk/audit'],
		['desk-fees', '/desk/fees?unit=1-1-101'],
		['desk-billing', '/desk/billing'],
		['desk-close', '/desk/close'],
		['desk-payments', '/desk/payments'],
		['desk-printers', '/desk/printers'],
		['desk-workorders', '/desk/workorders?filter=recent'],
		// Where the Today panel's overdue count leads.
		['desk-workorders-sla', '/desk/workorders?filter=open&sla=dueSoon'],
		['desk-satisfaction', '/desk/satisfaction'],
		['desk-sla', '/desk/sla'],
		['desk-rooms', '/desk/rooms'],
		['desk-devices', '/desk/devices'],
		['desk-home', '/desk'],
		['desk-backups', '/desk/backups'],
		['desk-export', '/desk/site/export'],
		['desk-site', '/desk/site'],
		['desk-site-units', '/desk/site/units?q=1-'],
		['desk-site-residents', '/desk/site/residents'],
		['desk-site-fees', '/desk/site/fees'],
		['desk-site-buildings', '/desk/site/buildings'],
		['desk-site-counters', '/desk/site/counters'],
		['desk-site-rooms', '/desk/site/rooms'],
		['desk-site-areas', '/desk/site/areas'],
		['desk-site-import', '/desk/site/import']
	]) {
		if (!name.startsWith(only)) continue;
		const page = await ctx.newPage();
		await page.goto(base + url);
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: join(out, `${name}-${lang}.png`) });
		await page.close();
	}
	if ('desk-reports'.startsWith(only) || only.startsWith('desk-reports')) {
		// The reports page of this quarter (the whole page), then the quarterly pack issued from
		// it, on screen and as the A4 PDF Chromium prints (pdftoppm makes its pages PNGs).
		const page = await ctx.newPage();
		const now = new Date(Date.now() + 8 * 3_600_000);
		const quarter = `${now.getUTCFullYear()}-Q${Math.ceil((now.getUTCMonth() + 1) / 3)}`;
		await page.goto(`${base}/desk/reports?p=${quarter}`);
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: join(out, `desk-reports-${lang}.png`), fullPage: true });
		if (lang === 'zh-CN') {
			await page.fill(
				'[data-testid=pack-comments]',
				'本季度满意率达标；收缴率偏低，下季度逐户催缴。'
			);
			await page.click('[data-testid=pack-issue]');
			await page.waitForURL(/\/desk\/reports\/packs\//);
		} else {
			await page.click('[data-testid=pack-link]');
			await page.waitForURL(/\/desk\/reports\/packs\//);
		}
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: join(out, `desk-reports-pack-${lang}.png`), fullPage: true });
		await page.emulateMedia({ media: 'print' });
		const pdf = join(out, `desk-reports-pack-${lang}.pdf`);
		writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
		try {
			execFileSync('pdftoppm', [
				'-r',
				'60',
				'-png',
				pdf,
				join(out, `desk-reports-pack-${lang}-page`)
			]);
		} catch {
			console.log('pdftoppm (poppler-utils) is not installed: the pack is left as a PDF');
		}
		await page.close();
	}
	if ('desk-site-import-preview'.startsWith(only) || only.startsWith('desk-site-import')) {
		// The import's preview of a file with errors: a duplicate, a short phone, a text date.
		const page = await ctx.newPage();
		await page.goto(`${base}/desk/site/import`);
		await page.selectOption('[data-testid=import-kind]', 'residents');
		await page.setInputFiles('[data-testid=import-file]', {
			name: '住户.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(
				'房号,姓名,手机号,身份,入住日期\n1-1-101,张伟,13800000001,业主,2024/3/1\n' +
					'1-1-101,张伟,13800000001,业主,2024/3/1\n1-1-102,李娜,1380000,租户,\n' +
					'1-1-103,王强,13800000003,业主,下个月\n'
			)
		});
		await page.click('[data-testid=import-form] button.primary');
		await page.waitForSelector('[data-testid=import-preview]');
		await page.screenshot({ path: join(out, `desk-site-import-preview-${lang}.png`) });
		await page.close();
	}
	if ('desk-site-room-edit'.startsWith(only) || only.startsWith('desk-site-room-edit')) {
		// A meeting room opened for editing, saved with no layout ticked: the error by the field.
		const page = await ctx.newPage();
		await page.goto(`${base}/desk/site/rooms`);
		await page.waitForLoadState('networkidle');
		await page.locator('tbody tr').first().getByRole('button').first().click();
		for (const box of await page.locator('[data-testid=place-form] input[type=checkbox]').all()) {
			await box.uncheck();
		}
		await page.click('[data-testid=place-form] button.primary');
		await page.waitForSelector('[data-testid=layouts-error]');
		await page.screenshot({ path: join(out, `desk-site-room-edit-${lang}.png`) });
		await page.close();
	}
	if ('desk-site-building-add'.startsWith(only) || only.startsWith('desk-site-building-add')) {
		// A new building with a taken code and no floors: each error next to its field.
		const page = await ctx.newPage();
		await page.goto(`${base}/desk/site/buildings`);
		await page.waitForLoadState('networkidle');
		await page.fill('[data-testid=place-form] input[name=code]', '1');
		await page.fill('[data-testid=place-form] input[name=name]', '一号楼');
		await page.fill('[data-testid=place-form] input[name=entrances]', '2');
		await page.fill('[data-testid=place-form] input[name=floors]', '0');
		await page.click('[data-testid=place-form] button.primary');
		await page.waitForSelector('[data-testid=floors-error]');
		await page.screenshot({ path: join(out, `desk-site-building-add-${lang}.png`) });
		await page.close();
	}
	await ctx.close();
}
if ('desk-company'.startsWith(only) || only.startsWith('desk-company')) await companyShots();
await browser.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
console.log(`Screenshots in ${out}`);

/**
 * Head office's /desk/company, and a site's staff page and dispatch picker with the company's
 * accounts, which need a company of several sites: the two-site harness of the tests
 * (tests/helpers/company-server.js) until the server itself serves several sites.
 */
async function companyShots() {
	const dir = mkdtempSync(join(tmpdir(), 'foyer-test-shots-company-'));
	// Company accounts: a technician and a manager at north besides head office.
	const accounts = [
		{ username: 'zhou', displayName: '周师傅', password, sites: { north: ['technician'] } },
		{
			username: 'wang',
			displayName: '王经理',
			password,
			sites: { north: ['manager', 'dispatcher'] }
		}
	];
	const harness = spawn(process.execPath, [join(root, 'tests/helpers/company-server.js'), dir], {
		env: {
			...process.env,
			FOYER_TEST_FAST_HASH: '1',
			HEAD_PASSWORD: password,
			ADMIN_PASSWORD: password,
			COMPANY_ACCOUNTS: JSON.stringify(accounts)
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	process.on('exit', () => harness.kill('SIGKILL'));
	const north = await new Promise((resolve) => {
		let text = '';
		harness.stdout.on('data', (d) => {
			text += d;
			const line = text.split('\n').find((l) => l.startsWith('{"sites"'));
			if (line) resolve(JSON.parse(line).sites.north.url);
		});
	});
	const signIn = async (username) => {
		const res = await fetch(`${north}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: north },
			body: JSON.stringify({ username, password })
		});
		return res.headers.getSetCookie()[0].split(';')[0];
	};
	const head = await signIn('head');
	const admin = await signIn('admin');
	const order = await acceptedOrder(north, admin);
	const pages = [
		['desk-company', head, '/desk/company'],
		['desk-company-staff', admin, '/desk/staff'],
		['desk-company-dispatch', admin, `/desk/workorders?id=${order}`]
	];
	for (const lang of ['zh-CN', 'en']) {
		for (const [name, session, path] of pages) {
			const ctx = await browser.newContext({ viewport: desk });
			await ctx.addCookies([
				{ name: 'foyer_session', value: session.split('=')[1], url: north },
				{ name: 'foyer_lang', value: lang, url: north }
			]);
			const page = await ctx.newPage();
			await page.goto(`${north}${path}`);
			await page.waitForLoadState('networkidle');
			if (name === 'desk-company-staff') {
				await page.locator('[data-testid=company-accounts]').scrollIntoViewIfNeeded();
			}
			if (name === 'desk-company-dispatch') {
				// A closed <select> shows one name: open it as a list so the picture shows them all.
				const picker = page.locator('[data-testid=technician]');
				await picker.evaluate((s) => (s.size = s.options.length));
				await picker.scrollIntoViewIfNeeded();
			}
			await page.screenshot({ path: join(out, `${name}-${lang}.png`) });
			await ctx.close();
		}
	}
	harness.kill('SIGTERM');
	await new Promise((r) => harness.once('exit', r));
	rmSync(dir, { recursive: true, force: true });
}

/** A work order reported at `site`'s desk and accepted, ready to dispatch: its id. */
async function acceptedOrder(site, cookie) {
	const act = (path, fields) =>
		fetch(`${site}${path}`, {
			method: 'POST',
			headers: {
				origin: site,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams(fields)
		}).then((r) => r.json());
	const made = await act('/desk/workorders?/submit', {
		category: 'repair',
		where: 'area',
		areaId: 'lobby',
		chip: 'leak',
		text: '大堂天花板漏水'
	});
	const id = new URL(made.location, site).searchParams.get('id');
	await act('/desk/workorders?/act', { id, action: 'accept' });
	return id;
}
