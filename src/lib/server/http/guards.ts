import type { RequestEvent } from '@sveltejs/kit';
import { translate, type ErrorKey, type Locale } from '$lib/i18n';
import { isFormRequest } from './body';

/**
 * Refusals made before SvelteKit routes a request, for what no route should ever see: a body
 * over the size limit, a form action name SvelteKit would look up on the prototype chain, a
 * page post that is not a form. Each is a 4xx with a translated message.
 */

/** `16M`, `512K`, `1G` or a plain number of bytes, as adapter-node reads BODY_SIZE_LIMIT. */
export function parseBytes(value: string | undefined): number {
	if (!value) return Infinity;
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()];
	const n = Number(unit ? value.slice(0, -1) : value) * (unit ?? 1);
	return Number.isNaN(n) ? Infinity : n;
}

/**
 * The form action a POST names, read as SvelteKit reads it (the first query key that starts
 * with `/`; none is `default`), or null when the request names none.
 */
export function actionName(url: URL): string | null {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return null;
}

/**
 * True for a name SvelteKit must not look up. It finds an action with `actions[name]`
 * (sveltejs/kit#15525, still so in 2.70.4), so `constructor`, `__proto__`, `toString` … find
 * Object.prototype's members and run them as actions; `?/default` makes it throw.
 */
export function isForbiddenActionName(name: string): boolean {
	return name === 'default' || name in Object.prototype;
}

/** The status of SvelteKit's own errors, as the catalog says them. */
export function statusKey(status: number): ErrorKey {
	if (status >= 500) return 'error.server';
	const known: Record<number, ErrorKey> = {
		404: 'error.notFound',
		405: 'error.methodNotAllowed',
		413: 'error.bodyTooLarge',
		415: 'error.unsupportedMediaType'
	};
	return known[status] ?? 'error.badRequest';
}

/**
 * A refusal in the shape the caller reads: an enhanced form's ActionResult, a Problem for the
 * JSON API and JSON clients, else plain text (a form posted without script).
 */
export function refusal(
	request: Request,
	url: URL,
	locale: Locale,
	status: number,
	key: ErrorKey
): Response {
	const message = translate(locale, key);
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', error: { message, key } }, { status });
	}
	const wantsJson = request.headers.get('accept')?.includes('application/json') ?? false;
	if (wantsJson || url.pathname.startsWith('/api/')) {
		return Response.json({ error: { key, message, fields: {} } }, { status });
	}
	return new Response(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

/**
 * The refusal for a request no route should see, or null to let it through.
 *
 * @param bodySizeLimit bytes, as BODY_SIZE_LIMIT (server.js sets it; unset in `vite dev`)
 */
export function guardRequest(
	event: Pick<RequestEvent, 'request' | 'url' | 'route'>,
	locale: Locale,
	bodySizeLimit: number
): Response | null {
	const { request, url } = event;
	const refuse = (status: number, key: ErrorKey) => refusal(request, url, locale, status, key);

	// Said before the body is read (server.js discards the rest, so the connection stays usable).
	const length = Number(request.headers.get('content-length'));
	if (length > bodySizeLimit) return refuse(413, 'error.bodyTooLarge');

	if (request.method !== 'POST') return null;
	const name = actionName(url);
	if (name !== null && isForbiddenActionName(name)) return refuse(404, 'error.noSuchAction');
	// A page's POST is a form action; SvelteKit also takes text/plain, which no action reads.
	const page = event.route.id !== null && !event.route.id.startsWith('/api/');
	if (page && !isFormRequest(request)) return refuse(415, 'error.unsupportedMediaType');
	return null;
}
