import { ZodError } from 'zod';
import { fieldErrors, isFoyerError, type Problem } from '$lib/domain/errors';
import { isErrorKey, translate, type ErrorKey, type Locale } from '$lib/i18n';

/** Turns what a service threw into something a person can read; rethrows real bugs. */
export function problem(e: unknown, locale: Locale): { status: number; problem: Problem } {
	if (isFoyerError(e)) {
		const message = translate(locale, e.key, e.values);
		const fields = e.field ? { [e.field]: message } : {};
		return { status: e.status, problem: { key: e.key, message, fields } };
	}
	if (e instanceof ZodError) {
		const keys = Object.fromEntries(
			Object.entries(fieldErrors(e)).map(([f, m]): [string, ErrorKey] => [
				f,
				isErrorKey(m) ? m : 'error.invalid'
			])
		);
		const fields = Object.fromEntries(
			Object.entries(keys).map(([f, k]) => [f, translate(locale, k)])
		);
		const first = Object.values(keys)[0] ?? 'error.invalid';
		return { status: 400, problem: { key: first, message: translate(locale, first), fields } };
	}
	throw e;
}
