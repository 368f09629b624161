import type { ZodError } from 'zod';
import type { ErrorKey } from '$lib/i18n';

/**
 * Marks a FoyerError across module copies: the custom server and SvelteKit's bundle each have
 * their own copy of this class, so `instanceof` is not enough (see isFoyerError).
 */
const BRAND = Symbol.for('foyer.error');

/** Thrown by services for anything a person did wrong or must know about. */
export class FoyerError extends Error {
	readonly [BRAND] = true;

	constructor(
		readonly key: ErrorKey,
		readonly values: Record<string, string | number> = {},
		readonly status = 400,
		/** The form field the problem is about, when it is about one. */
		readonly field?: string
	) {
		super(key);
		this.name = 'FoyerError';
	}
}

/** True for a FoyerError from any copy of this module. */
export function isFoyerError(e: unknown): e is FoyerError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * A schema message: an error key, checked against the catalog (`.min(1, msg('error.invalid'))`).
 * Zod's own messages (a schema that sets none) are not keys and show as `error.invalid`.
 */
export function msg(key: ErrorKey): { error: ErrorKey } {
	return { error: key };
}

/**
 * Field → message of its first problem, from a failed schema parse (messages are error keys;
 * see `isErrorKey` in i18n for the check). A list's item is reported under the list's field
 * (the second phone of `phones` under `phones`): that is the field a person typed it in.
 */
export function fieldErrors(error: ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = issue.path.filter((p) => typeof p !== 'number').join('.');
		out[field || '_'] ??= issue.message;
	}
	return out;
}

/** A refusal as a person reads it: the translated message, its key, and per-field messages. */
export interface Problem {
	/** The translated message to show. */
	message: string;
	key: ErrorKey;
	/** Per field: translated message. */
	fields: Record<string, string>;
}
