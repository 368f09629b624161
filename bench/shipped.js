/**
 * (e) What each surface ships, and how fast the kiosk answers a tap on a slow PC:
 *
 *   js     the JavaScript a page loads when opened in Chromium (its entry and every import it
 *          fetches), each file gzipped at level 9 as the build precompresses, summed per page.
 *          Baseline: SvelteKit's own start-up (entry/start + entry/app and the runtime chunks
 *          every page shares), i.e. what an empty page would cost.
 *   tap    kiosk tap → next paint with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate):
 *          the time from a pointer event on the attract screen / a home tile to the first
 *          animation frame after the screen changed. Baseline: a tap on nothing (a frame with no
 *          work), at the same throttling.
 */
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../scripts/chromium.js';
import { login, startFoyer, waitHealthy } from './lib/foyer-server.js';
import { removeDir, tempDir } from './lib/proc.js';
import { ms, printTable, summarize } from './lib/stats.js';

/** Pages per surface; a desk page needs a session, the rest are public. */
const PAGES = [
	{ surface: 'kiosk', path: '/kiosk' },
	{ surface: 'display', path: '/display/notices' },
	{ surface: 'display', path: '/display/rooms' },
	{ surface: 'display', path: '/display/workorders' },
	{ surface: 'desk', path: '/desk/login' },
	{ surface: 'desk', path: '/desk/fees', staff: true },
	{ surface: 'phone', path: '/pay/sandbox/none' }
];

/** @param {{ taps?: number }} o */
export async function run({ taps = 21 } = {}) {
	const dataDir = tempDir('shipped');
	const server = await startFoyer({ dataDir });
	const browser = await chromium.launch({
		executablePath: chromiumPath() ?? undefined,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run']
	});
	try {
		await waitHealthy(server.url);
		const cookie = await login(server.url);
		/** @type {{ surface: string, path: string, files: number, raw: number, gzip: number }[]} */
		const pages = [];
		/** @type {Set<string>} */
		let shared = new Set();
		const bodies = new Map();
		for (const p of PAGES) {
			const context = await browser.newContext();
			if (p.staff) {
				const [name, value] = cookie.split('=');
				await context.addCookies([{ name, value, url: server.url }]);
			}
			const page = await context.newPage();
			const loaded = await scriptsOf(page, server.url + p.path);
			for (const [url, body] of loaded) bodies.set(url, body);
			const names = new Set(loaded.keys());
			shared = pages.length ? new Set([...shared].filter((u) => names.has(u))) : names;
			pages.push({ ...p, ...sizeOf([...loaded.values()]) });
			await context.close();
		}
		const baseline = sizeOf([...shared].map((u) => bodies.get(u)));
		const tap = await tapToPaint(browser, server.url, taps);
		return { pages, baseline, tap };
	} finally {
		await browser.close();
		await server.stop();
		removeDir(dataDir);
	}
}

/** Every script a page fetched while opening, by URL. */
async function scriptsOf(/** @type {import('@playwright/test').Page} */ page, url) {
	/** @type {Map<string, Buffer>} */
	const scripts = new Map();
	/** @type {Promise<void>[]} */
	const pending = [];
	page.on('response', (res) => {
		if (res.request().resourceType() !== 'script') return;
		pending.push(
			res
				.body()
				.then((b) => void scripts.set(res.url(), b))
				.catch(() => undefined)
		);
	});
	await page.goto(url);
	await page.waitForLoadState('networkidle');
	await Promise.all(pending);
	return scripts;
}

function sizeOf(/** @type {Buffer[]} */ bodies) {
	let raw = 0;
	let gzip = 0;
	for (const b of bodies) {
		raw += b.length;
		gzip += gzipSync(b, { level: 9 }).length;
	}
	return { files: bodies.length, raw, gzip };
}

/**
 * Taps the attract screen, then a home tile, then Home, `n` times at 4× CPU slowdown; each tap's
 * time to the next frame after the screen changed (measured in the page: event time → rAF).
 */
async function tapToPaint(
	/** @type {import('@playwright/test').Browser} */ browser,
	/** @type {string} */ url,
	/** @type {number} */ n
) {
	const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
	const page = await context.newPage();
	await page.goto(`${url}/kiosk`);
	await page.locator('html[data-ready]').waitFor();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	/** Clicks `selector` and answers ms from the pointer event to the frame after `screen` shows. */
	const timed = (/** @type {string} */ selector, /** @type {string} */ screen) =>
		page.evaluate(
			([sel, want]) =>
				new Promise((resolve) => {
					const target = /** @type {HTMLElement} */ (document.querySelector(sel));
					const kiosk = /** @type {HTMLElement} */ (document.querySelector('.kiosk'));
					target.addEventListener(
						'pointerdown',
						(e) => {
							const t0 = e.timeStamp;
							const wait = () =>
								kiosk.dataset.screen === want || want === ''
									? requestAnimationFrame(() => resolve(performance.now() - t0))
									: requestAnimationFrame(wait);
							wait();
							// Never hang the run: a screen that does not come counts as no sample.
							setTimeout(() => resolve(Number.NaN), 5000);
						},
						{ once: true, capture: true }
					);
					for (const type of ['pointerdown', 'pointerup', 'click']) {
						target.dispatchEvent(new PointerEvent(type, { bubbles: true, isPrimary: true }));
					}
				}),
			[selector, screen]
		);
	/** @type {Record<string, number[]>} */
	const samples = { attract: [], tile: [], home: [], nothing: [] };
	for (let i = 0; i < n; i++) {
		samples.attract.push(/** @type {number} */ (await timed('.attract', 'home')));
		samples.tile.push(/** @type {number} */ (await timed('[data-testid=tile-report]', 'report')));
		samples.home.push(/** @type {number} */ (await timed('[data-testid=home]', 'home')));
		samples.nothing.push(/** @type {number} */ (await timed('h1', '')));
		// A fresh load for the next round: the attract screen again (throttling stays on).
		await page.reload();
		await page.locator('html[data-ready]').waitFor();
	}
	await context.close();
	return Object.fromEntries(
		Object.entries(samples).map(([k, v]) => [k, summarize(v.filter(Number.isFinite))])
	);
}

const kb = (/** @type {number} */ b) => (b / 1024).toFixed(1);

export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	printTable(
		'Shipped JavaScript per page (gzip level 9, KB)',
		['surface', 'page', 'files', 'raw KB', 'gzip KB'],
		[
			...r.pages.map((p) => [p.surface, p.path, p.files, kb(p.raw), kb(p.gzip)]),
			[
				'baseline',
				'shared by every page',
				r.baseline.files,
				kb(r.baseline.raw),
				kb(r.baseline.gzip)
			]
		]
	);
	const row = (/** @type {string} */ label, /** @type {any} */ s) => [
		label,
		s.n,
		ms(s.p50),
		ms(s.p95),
		ms(s.max)
	];
	printTable(
		'Kiosk tap → next paint at 4× CPU slowdown, ms',
		['tap', 'n', 'p50', 'p95', 'max'],
		[
			row('attract → home', r.tap.attract),
			row('tile → report', r.tap.tile),
			row('首页 → home (ends the visit)', r.tap.home),
			row('baseline: a tap on nothing', r.tap.nothing)
		]
	);
}

export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const kiosk = r.pages.find((p) => p.surface === 'kiosk');
	const worst = Math.max(r.tap.attract.p50, r.tap.tile.p50, r.tap.home.p50);
	return [
		{
			target: 'kiosk JavaScript ≤ 80 KB gzip',
			measured: `${kb(kiosk?.gzip ?? 0)} KB`,
			met: (kiosk?.gzip ?? Infinity) <= 80 * 1024
		},
		{
			target: 'kiosk tap → next paint at 4× CPU ≤ 100 ms (median)',
			measured: `worst median ${ms(worst)} ms`,
			met: worst <= 100
		}
	];
}
