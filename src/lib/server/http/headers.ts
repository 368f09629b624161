import type { Handle } from '@sveltejs/kit';

/**
 * Headers every answer of the app carries (pages, the JSON API, redirects, errors; SvelteKit
 * adds the Content-Security-Policy to pages from `kit.csp` in svelte.config.js). The built
 * files under /_app/ are served by adapter-node before the app and are not touched here.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	// A file is what its Content-Type says: an uploaded photo is never run as a script.
	'x-content-type-options': 'nosniff',
	// Phone pages carry their key in the URL (/r/…, /w/…, /report/…): no link to another site
	// may pass it on. Not 'no-referrer': under it a browser's own form posts (the desk's
	// language switch, log-out) carry `Origin: null` and fail the Origin check.
	'referrer-policy': 'same-origin',
	// No page of Foyer is meant to be framed (CSP frame-ancestors 'none' says the same to newer
	// browsers; this is for older ones and for answers without the CSP).
	'x-frame-options': 'DENY',
	// Every answer of the app is made for one person at one moment: desk pages, a visit's
	// bills, a phone page's request, a live board. None may be kept by a browser or a proxy;
	// a shared desk PC must not show the last cashier's pages after log-out.
	'cache-control': 'no-store'
};

/** Sets the security headers on `response`, copying it first when its headers are frozen. */
export function withSecurityHeaders(response: Response): Response {
	try {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
			response.headers.set(name, value);
		}
		return response;
	} catch {
		// A Response from fetch() has immutable headers: answer a copy.
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) copy.headers.set(name, value);
		return copy;
	}
}

/** The hook: runs first, so even answers refused by later hooks carry the headers. */
export const securityHeaders: Handle = async ({ event, resolve }) =>
	withSecurityHeaders(await resolve(event));
