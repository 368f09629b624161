import type { ZodError } from 'zod';

/**
 * Marks a FoyerError across module copies: the custom server and SvelteKit's bundle each have
 * their own copy of this class, so `instanceof` is not enough (see isFoyerError).
 */
const BRAND = Symbol.for('foyer.error');

/** Thrown by services for anything a person did wrong or must know about. */
export class FoyerError extends Error {
	readonly [BRAND] = true;

	constructor(
		readonly key: string,
		readonly values: Record<string, string | number> = {},
		readonly status = 400
	) {
		super(key);
		this.name = 'FoyerError';
	}
}

/** True for a FoyerError from any copy of this module. */
export function isFoyerError(e: unknown): e is FoyerError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** Field → i18n key of its first problem, from a failed schema parse (messages are keys). */
export function fieldErrors(error: ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = issue.path.join('.') || '_';
		out[field] ??= issue.message.startsWith('error.') ? issue.message : 'error.invalid';
	}
	return out;
}
