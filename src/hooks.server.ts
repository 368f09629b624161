import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translate } from '$lib/i18n';
import { foyer, servedSites } from '$lib/server/foyer';
import { inSite, siteInContext } from '$lib/server/sites/context';
import { guardRequest, parseBytes, statusKey } from '$lib/server/http/guards';
import { securityHeaders } from '$lib/server/http/headers';
import { isAllowedOrigin } from '$lib/server/http/origin';
import { logRequest, requestIdOf } from '$lib/server/http/request-log';
import { errorFields } from '$lib/server/ops/logger';
import { SESSION_COOKIE } from '$lib/server/staff/sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const app: Handle = async ({ event, resolve }) => {
	// A screen that switches language on its own (kiosk) says so with ?lang=; else the cookie.
	const requested = event.url.searchParams.get('lang') ?? event.cookies.get(LOCALE_COOKIE);
	const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
	event.locals.locale = locale;
	const refused = guardRequest(event, locale, parseBytes(env.BODY_SIZE_LIMIT));
	if (refused) return refused;

	// Every state-changing request must come from Foyer's own pages: form posts and JSON alike.
	// Payment providers' notifications are the exception: they come from the provider's
	// servers, with no Origin, and prove themselves by their signature instead.
	const notification = event.url.pathname.startsWith('/api/payments/notify/');
	if (!SAFE_METHODS.has(event.request.method) && !notification) {
		const { headers } = event.request;
		const ok = isAllowedOrigin(headers.get('origin'), {
			host: headers.get('host'),
			expected: env.ORIGIN
		});
		if (!ok) {
			const message = translate(locale, 'error.foreignOrigin');
			const wantsJson = headers.get('accept')?.includes('application/json') ?? false;
			return wantsJson || event.url.pathname.startsWith('/api/')
				? Response.json(
						{ error: { key: 'error.foreignOrigin', message, fields: {} } },
						{ status: 403 }
					)
				: new Response(message, {
						status: 403,
						headers: { 'content-type': 'text/plain; charset=utf-8' }
					});
		}
	}

	event.locals.session = await foyer().auth.session(event.cookies.get(SESSION_COOKIE));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', locale)
	});
};

/**
 * Which site the request is for, by its address (one site: every address), and everything
 * after it runs in that site: `foyer()` is its services. An address naming none of the sites
 * this process serves finds nothing — as if nothing were there — except the process's own
 * probes and metrics, which speak for the process.
 */
const site: Handle = async ({ event, resolve }) => {
	const served = servedSites();
	const app = served.forHost(event.request.headers.get('host'));
	if (app) return inSite(app, () => resolve(event));
	const { pathname } = event.url;
	if (pathname.startsWith('/healthz/') || pathname === '/api/metrics') {
		return inSite(served.first, () => resolve(event));
	}
	const requested = event.url.searchParams.get('lang') ?? event.cookies.get(LOCALE_COOKIE);
	const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
	const message = translate(locale, 'error.unknownSite');
	if (pathname.startsWith('/api/')) {
		return Response.json(
			{ error: { key: 'error.unknownSite', message, fields: {} } },
			{ status: 404 }
		);
	}
	// A person (an installer who typed the address wrong): the message in both languages, as
	// nothing here knows which one they read.
	const lines = [message, translate(locale === 'en' ? 'zh-CN' : 'en', 'error.unknownSite')];
	return new Response(
		`<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Foyer</title>` +
			`<body style="font: 28px/1.6 system-ui, sans-serif; margin: 12vh 8vw; color: #1f2a2a">` +
			lines.map((l) => `<p>${l}</p>`).join('') +
			'</body></html>',
		{ status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } }
	);
};

/** One log line per request (docs/operations.md), and its id in `X-Request-Id`. */
const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = requestIdOf(event.request.headers.get('x-request-id'));
	event.locals.requestId = requestId;
	const line = (status: number) => ({
		method: event.request.method,
		route: event.route.id,
		status,
		ms: performance.now() - started,
		requestId
	});
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		logRequest(foyer().logger, line(500));
		throw e;
	}
	// A response made elsewhere (a fetch passed through) may have immutable headers.
	try {
		response.headers.set('x-request-id', requestId);
	} catch {
		/* the line below still names the request */
	}
	logRequest(foyer().logger, line(response.status));
	return response;
};

// Security headers first: they go on every answer, also one for an address naming no site.
export const handle = sequence(securityHeaders, site, requestLog, app);

// SvelteKit's own 4xx (no route, no such action, a method a path does not take) are the
// caller's mistake: said in the caller's language, with no stack in the log.
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status >= 500) {
		// (An error before the site was known is the process's: its first site logs it.)
		(siteInContext() ? foyer() : servedSites().first).logger.error(
			{
				kind: 'error',
				err: errorFields(error),
				route: event.route.id,
				requestId: event.locals.requestId
			},
			'Request failed'
		);
	}
	const key = statusKey(status);
	return { message: translate(event.locals.locale ?? DEFAULT_LOCALE, key), key };
};
