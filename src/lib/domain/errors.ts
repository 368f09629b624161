import type { ZodError } from 'zod';

/** An error a person is shown: an i18n key and its values, translated where it is shown. */
export interface UserError {
	key: string;
	values?: Record<string, string | number>;
}

/** Thrown by services for anything a person did wrong or must know about. */
export class FoyerError extends Error {
	constructor(
		readonly key: string,
		readonly values: Record<string, string | number> = {},
		readonly status = 400
	) {
		super(key);
		this.name = 'FoyerError';
	}

	toJSON(): UserError {
		return { key: this.key, values: this.values };
	}
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
