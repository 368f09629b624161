import { error } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { translate, type ErrorKey, type Locale } from '$lib/i18n';

/**
 * Request bodies, read once and the same way everywhere: a body that is not what the route takes
 * is a 4xx with a translated message, never an exception from deep inside a service.
 */

/** Deeper than any body Foyer's own screens send (a report's chips are at depth 2). */
export const MAX_JSON_DEPTH = 16;

/** The media type without parameters, lower-case: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function isJsonType(type: string): boolean {
	return type === 'application/json' || /^[\w.+-]+\/[\w.+-]+\+json$/.test(type);
}

/** What reading the body failed with: the adapter's size limit (413), else a broken stream. */
function readFailure(e: unknown): { status: number; key: ErrorKey } {
	const statusOf = (x: unknown) => (x as { status?: unknown } | null | undefined)?.status;
	const tooLarge =
		statusOf(e) === 413 || statusOf((e as { cause?: unknown } | null)?.cause) === 413;
	return tooLarge
		? { status: 413, key: 'error.bodyTooLarge' }
		: { status: 400, key: 'error.badRequest' };
}

/**
 * How deep `text`'s arrays and objects nest, counted without parsing (so a hostile body cannot
 * make the parser or a later walk recurse). Brackets inside strings do not count.
 */
export function jsonDepth(text: string): number {
	let depth = 0;
	let max = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // a backslash escapes the next character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
		else if (c === 0x5d || c === 0x7d) depth--;
	}
	return max;
}

/** True when the request's headers say a body follows (a length above 0, or chunks). */
function declaresBody(request: Request): boolean {
	const length = Number(request.headers.get('content-length') ?? 0);
	return length > 0 || request.headers.has('transfer-encoding');
}

/**
 * The JSON object a request carries; `{}` when it carries no body at all. Refused with a
 * FoyerError (so a route's `jsonProblem` answers it): another content type (415), a body over
 * the size limit (413), text that is not JSON, JSON that is not an object (`null`, an array, a
 * string …), or nesting deeper than MAX_JSON_DEPTH (400 `error.badJson`).
 */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
	let text: string;
	try {
		text = await request.text();
	} catch (e) {
		const f = readFailure(e);
		throw new FoyerError(f.key, {}, f.status);
	}
	if (text.trim() === '') {
		// SvelteKit hands a body sent without a content type over as no body at all; one was
		// sent all the same, and the route must not act as if it had been asked nothing.
		if (declaresBody(request) && !mediaType(request)) {
			throw new FoyerError('error.unsupportedMediaType', {}, 415);
		}
		return {};
	}
	if (!isJsonType(mediaType(request))) {
		throw new FoyerError('error.unsupportedMediaType', {}, 415);
	}
	if (jsonDepth(text) > MAX_JSON_DEPTH) throw new FoyerError('error.badJson');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new FoyerError('error.badJson');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new FoyerError('error.badJson');
	}
	return body as Record<string, unknown>;
}

/** The form content types Foyer's pages post. */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** True when `request` carries a body of a form content type Foyer's actions read. */
export function isFormRequest(request: Request): boolean {
	return FORM_TYPES.has(mediaType(request));
}

/**
 * A form action's fields. Every action reads its form through here: another content type
 * (SvelteKit also lets `text/plain` through) is 415, a body over the size limit 413, and a
 * body that does not parse (broken multipart), or a file where the action takes none (a
 * file in place of a text field), is 400, each with a translated message (SvelteKit's `error`,
 * so the page shows it; the action never runs).
 *
 * @param files the fields that may carry files (e.g. a report's photos); any other file is refused
 */
export async function readForm(
	request: Request,
	locale: Locale,
	files: readonly string[] = []
): Promise<FormData> {
	const refuse = (status: number, key: ErrorKey): never =>
		error(status, { message: translate(locale, key), key });
	if (!isFormRequest(request)) refuse(415, 'error.unsupportedMediaType');
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		const f = readFailure(e);
		return refuse(f.status, f.status === 413 ? f.key : 'error.badForm');
	}
	for (const [name, value] of form) {
		if (typeof value !== 'string' && !files.includes(name)) refuse(400, 'error.badForm');
	}
	return form;
}
