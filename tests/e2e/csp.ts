import type { BrowserContext } from '@playwright/test';

/**
 * Collects every Content-Security-Policy violation in a browser context: the page's own
 * `securitypolicyviolation` events (reported to the console by an init script, which the CSP
 * does not govern) and Chromium's "Refused to …" console errors. Returns the live list.
 */
export async function watchCsp(context: BrowserContext): Promise<string[]> {
	const violations: string[] = [];
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`csp-violation ${e.violatedDirective} ${e.blockedURI} at ${e.documentURI}`);
		});
	});
	context.on('console', (m) => {
		const text = m.text();
		if (/csp-violation|Content Security Policy/.test(text)) violations.push(text);
	});
	return violations;
}
