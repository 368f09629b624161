import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, gotoReady, test } from './fixtures';
import { toEnglish } from './kiosk-walk';

/**
 * Every screen a person meets, audited with axe-core against WCAG 2.2 AA, in Chinese and English:
 * a serious or critical violation anywhere fails. The pages are walked as their users reach them
 * (kiosk steps by tapping, boards by URL, the desk logged in as admin, phones by the links the
 * kiosk hands out), one audit per screen, one server for the whole file.
 */

// The longest file by far (an axe pass per screen): its tests spread over the workers, each
// with its own server. They share nothing: each language pays a different unit at the desk, and
// the phone pages take whichever bill is left.
test.describe.configure({ mode: 'parallel' });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANGS = ['zh-CN', 'en'] as const;
type Lang = (typeof LANGS)[number];

const KIOSK = { width: 1080, height: 1920 };
const WALL = { width: 1920, height: 1080 };
const PANEL = { width: 800, height: 1280 };
const DESK = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Runs axe over what the page shows now; returns the serious and critical findings, readable. */
async function audit(page: Page, where: string): Promise<string[]> {
	// Let the last transition settle: a half-faded colour is not what anyone reads.
	await page.evaluate(() => document.fonts.ready);
	// (Endless ones — a pulsing hint, a spinner — never settle and are not waited for.)
	await page.waitForFunction(() =>
		document
			.getAnimations()
			.every(
				(a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity
			)
	);
	// Legacy mode: axe.run in the page itself. The default opens a blank page per audit to join
	// the results of every frame; Foyer's pages have no frames, so the findings are the same and
	// the a11y file takes 89 → 74 s (docs/testing.md).
	const { violations } = await new AxeBuilder({ page })
		.withTags(TAGS)
		.setLegacyMode(true)
		.analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${where}: ${v.id} (${v.impact}) ${v.help}\n` +
				v.nodes
					.slice(0, 5)
					.map(
						(n) =>
							`    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`
					)
					.join('\n')
		);
}

function report(found: string[]) {
	if (found.length) console.log(found.join('\n\n'));
	expect(found, found.join('\n\n')).toEqual([]);
}

const en = (lang: Lang) => lang === 'en';
const pick = (lang: Lang, zh: string | RegExp, english: string | RegExp) =>
	en(lang) ? english : zh;

function owner(unitId: string): { phone: string } {
	const site = JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'site.json'), 'utf8')) as {
		residents: { unitId: string; phone: string; kind: string }[];
	};
	return site.residents.find((r) => r.unitId === unitId && r.kind === 'owner')!;
}

const UNIT = { id: '3-1-601', building: '3', entrance: '1', room: '601' };

/** This worker's server (the fixture's baseURL), for the Origin header and the language cookie. */
let base = '';
test.beforeEach(({ baseURL }) => {
	base = baseURL!;
});

async function post(page: Page, path: string, body: unknown) {
	const res = await page.request.post(path, { data: body, headers: { origin: base } });
	expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
	return res.json();
}

/** A resident's visit token, identified as the kiosk does. */
async function visitToken(page: Page) {
	const { visit } = await post(page, '/api/kiosk/identify', {
		building: UNIT.building,
		entrance: UNIT.entrance,
		room: UNIT.room,
		phoneTail: owner(UNIT.id).phone.slice(-4)
	});
	return visit.token as string;
}

/** Opens the kiosk at its home screen in the given language. */
async function kioskHome(page: Page, lang: Lang) {
	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	if (en(lang)) await toEnglish(page);
	await expect(page.getByTestId('tile-pay')).toBeVisible();
}

async function keyIn(page: Page, digits: string) {
	for (const d of digits) await page.getByRole('button', { name: d, exact: true }).click();
}

for (const lang of LANGS) {
	test(`kiosk steps have no serious accessibility violations (${lang})`, async ({ page }) => {
		test.setTimeout(180_000);
		await page.setViewportSize(KIOSK);
		const found: string[] = [];
		await gotoReady(page, '/kiosk');
		found.push(...(await audit(page, 'kiosk attract')));
		for (const tile of ['pay', 'ticket', 'report', 'track', 'checkin', 'notices', 'help']) {
			await kioskHome(page, lang);
			if (tile === 'pay') found.push(...(await audit(page, `kiosk home ${lang}`)));
			await page.getByTestId(`tile-${tile}`).click();
			found.push(...(await audit(page, `kiosk ${tile} ${lang}`)));
			if (tile === 'pay') {
				// The identification chain: building, entrance, an empty room keypad, the phone keypad.
				await page.getByRole('button', { name: pick(lang, '3 栋', 'Building 3') }).click();
				found.push(...(await audit(page, `kiosk identify entrance ${lang}`)));
				await page.getByRole('button', { name: pick(lang, '1 单元', 'Entrance 1') }).click();
				found.push(...(await audit(page, `kiosk identify room ${lang}`)));
				await keyIn(page, UNIT.room);
				await page.getByRole('button', { name: pick(lang, '确认', 'Confirm') }).click();
				found.push(...(await audit(page, `kiosk identify phone ${lang}`)));
				await keyIn(page, owner(UNIT.id).phone.slice(-4));
				await page.getByRole('button', { name: pick(lang, '确认', 'Confirm') }).click();
				await expect(page.getByTestId('keypad-value')).toHaveCount(0);
				found.push(...(await audit(page, `kiosk bills ${lang}`)));
			}
			if (tile === 'ticket') {
				await page
					.getByRole('button', { name: pick(lang, /缴费业务/, /Fees/) })
					.first()
					.click();
				found.push(...(await audit(page, `kiosk ticket identify ${lang}`)));
				await page
					.getByRole('button', { name: pick(lang, '跳过，直接取号', 'Skip and take a number') })
					.click();
				await page.getByTestId('ticket').waitFor();
				found.push(...(await audit(page, `kiosk ticket issued ${lang}`)));
			}
			if (tile === 'track') {
				// A request with a history to show.
				const { order } = await post(page, '/api/kiosk/report', {
					visit: await visitToken(page),
					category: 'repair',
					where: 'area',
					areaId: 'lift',
					chips: ['lift']
				});
				await keyIn(page, String(order.number));
				await page.getByRole('button', { name: pick(lang, '确认', 'Confirm') }).click();
				found.push(...(await audit(page, `kiosk track tail ${lang}`)));
				await keyIn(page, owner(UNIT.id).phone.slice(-4));
				await page
					.getByRole('button', { name: pick(lang, /^(确认|查询)$/, /^(Confirm|Look up)$/) })
					.first()
					.click();
				await page.getByTestId('track-steps').waitFor();
				found.push(...(await audit(page, `kiosk track view ${lang}`)));
			}
		}
		report(found);
	});

	test(`boards and door panels have no serious accessibility violations (${lang})`, async ({
		page
	}) => {
		test.setTimeout(120_000);
		const found: string[] = [];
		const q = en(lang) ? '?lang=en' : '';
		for (const board of ['notices', 'queue', 'workorders', 'rooms']) {
			await page.setViewportSize(WALL);
			await page.goto(`/display/${board}${q}`);
			await expect(page.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');
			found.push(...(await audit(page, `board ${board} ${lang}`)));
		}
		await page.setViewportSize(PANEL);
		await page.goto(`/display/room?room=room-1${en(lang) ? '&lang=en' : ''}`);
		await expect(page.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');
		found.push(...(await audit(page, `door panel ${lang}`)));
		report(found);
	});

	test(`desk pages have no serious accessibility violations (${lang})`, async ({ browser }) => {
		test.setTimeout(420_000);
		const page = await deskPage(browser, lang);
		const found: string[] = [];
		await page.context().clearCookies();
		await page.goto('/desk/login');
		found.push(...(await audit(page, `desk login ${lang}`)));
		await deskLoginAs(page, lang);
		// A cash payment first: its receipt is then previewed on the printers page.
		await gotoReady(page, `/desk/fees?unit=${en(lang) ? '1-2-202' : '1-2-201'}`);
		await page.getByTestId('take-payment').click();
		await expect(page.getByTestId('paid')).toBeVisible();
		for (const path of [
			'/desk',
			'/desk/queue',
			'/desk/fees',
			`/desk/fees?unit=${UNIT.id}`,
			'/desk/billing',
			'/desk/close',
			'/desk/workorders',
			'/desk/workorders?filter=recent',
			'/desk/rooms',
			'/desk/notices',
			'/desk/staff',
			'/desk/audit',
			'/desk/printers',
			'/desk/devices',
			'/desk/satisfaction',
			'/desk/sla',
			'/desk/reports'
		]) {
			// A page that fails to load is a failure in itself (and never becomes ready).
			expect((await page.goto(path))?.status(), path).toBe(200);
			await page.locator('html[data-ready]').waitFor();
			if (path === '/desk/printers') await page.getByTestId('preview-cut').first().waitFor();
			found.push(...(await audit(page, `desk ${path} ${lang}`)));
		}
		await page.close();
		report(found);
	});

	test(`phone pages have no serious accessibility violations (${lang})`, async ({ page }) => {
		test.setTimeout(120_000);
		await page.setViewportSize(PHONE);
		const found: string[] = [];
		const q = en(lang) ? '?lang=en' : '';
		const visit = await visitToken(page);
		const { bills } = await post(page, '/api/kiosk/bills', { visit });
		if (bills.length) {
			const { intent } = await post(page, '/api/kiosk/pay', {
				visit,
				billIds: [bills[bills.length - 1].id]
			});
			await page.goto(new URL(intent.qrPayload).pathname + q);
			found.push(...(await audit(page, `phone sandbox payment ${lang}`)));
		}
		const ticket = await post(page, '/api/queue/tickets', { service: 'fees' });
		await page.goto(new URL(ticket.trackUrl).pathname + q);
		found.push(...(await audit(page, `phone ticket ${lang}`)));
		const { order } = await post(page, '/api/kiosk/report', {
			visit,
			category: 'repair',
			where: 'area',
			areaId: 'lift',
			chips: ['lift']
		});
		await page.goto(new URL(order.trackUrl).pathname + q);
		found.push(...(await audit(page, `phone request ${lang}`)));
		await page.goto(`/track${q}`);
		found.push(...(await audit(page, `phone track ${lang}`)));
		const handoff = await post(page, '/api/kiosk/report/handoff', {
			category: 'repair',
			where: 'area',
			areaId: 'lift',
			chips: []
		});
		await page.goto(new URL(handoff.url).pathname + q);
		found.push(...(await audit(page, `phone report ${lang}`)));
		report(found);
	});
}

async function deskPage(browser: Browser, lang: Lang) {
	const ctx = await browser.newContext({ viewport: DESK });
	await ctx.addCookies([{ name: 'foyer_lang', value: lang, url: base }]);
	return ctx.newPage();
}

async function deskLoginAs(page: Page, lang: Lang) {
	await page.context().addCookies([{ name: 'foyer_lang', value: lang, url: base }]);
	await gotoReady(page, '/desk/login');
	await page.getByLabel(/用户名|Username/).fill('admin');
	await page.getByLabel(/密码|Password/).fill(ADMIN_PASSWORD);
	await page.getByRole('button', { name: /登录|Log in/ }).click();
	await expect(page).toHaveURL(/\/desk$/);
}
