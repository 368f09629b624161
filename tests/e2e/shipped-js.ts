import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/**
 * The JavaScript a page loads, as gzip would send it: every script the browser fetched while
 * opening `url` (the route's entry and all it imports), each gzipped on its own (level 9, as the
 * build precompresses), summed. Figures do not depend on whether the server compressed them.
 */
export async function shippedJs(page: Page, url: string) {
	const scripts = new Map<string, Buffer>();
	page.on('response', (res) => {
		if (res.request().resourceType() !== 'script') return;
		void res
			.body()
			.then((b) => scripts.set(res.url(), b))
			.catch(() => undefined);
	});
	await page.goto(url);
	await page.locator('html[data-ready]').waitFor();
	await page.waitForLoadState('networkidle');
	let raw = 0;
	let gzip = 0;
	for (const body of scripts.values()) {
		raw += body.length;
		gzip += gzipSync(body, { level: 9 }).length;
	}
	return { files: scripts.size, raw, gzip };
}
