// Which Chromium Playwright drives: Debian's, since Playwright cannot download its own here.
import { existsSync } from 'node:fs';

/** Debian's headless shell: the same Blink without the browser around it. */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
/** Debian's full browser, the one a kiosk or wall PC runs. */
export const FULL_BROWSER = '/usr/bin/chromium';

/**
 * The browser binary to launch: CHROMIUM_PATH when set; for tests the headless shell when it is
 * installed (the whole browser suite measured 300 → 222 s on 2 cores, Chromium's own CPU 40 %
 * less: docs/testing.md), else the full browser; for the screenshots (`shell: false`: what a
 * kiosk or wall PC shows) the full browser first. Null when neither is installed: Playwright's own
 * then, where it has one.
 *
 * @param {{ shell?: boolean }} [o]
 * @returns {string | null}
 */
export function chromiumPath({ shell = true } = {}) {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	const order = shell ? [HEADLESS_SHELL, FULL_BROWSER] : [FULL_BROWSER, HEADLESS_SHELL];
	return order.find((p) => existsSync(p)) ?? null;
}
