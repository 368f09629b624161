import { shippedJs } from './shipped-js';
import { expect, test } from './fixtures';

/** A lobby PC is no fast machine: the kiosk must stay light (issue 13, item 9). */
const LIMIT_KB = 80;

test(`the kiosk ships at most ${LIMIT_KB} KB of JavaScript (gzip)`, async ({ page }) => {
	const js = await shippedJs(page, '/kiosk');
	const kb = js.gzip / 1024;
	console.log(
		`kiosk JS: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${kb.toFixed(1)} KB gzip`
	);
	expect(kb).toBeLessThanOrEqual(LIMIT_KB);
});
