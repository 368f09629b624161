import type { SubmitFunction } from '@sveltejs/kit';
import type { Problem } from '$lib/domain/errors';

/** What a site-record form action answers when it refuses: the problem and what was typed. */
type Refusal = { problem?: Problem; input?: Record<string, unknown> } | null | undefined;

/** The last refused save's problem, or null. */
export function problemOf(form: Refusal): Problem | null {
	return form?.problem ?? null;
}

/** What was typed into the last refused save, by field name, or null. */
export function inputOf<T = Record<string, string>>(form: Refusal): T | null {
	return (form?.input as T | undefined) ?? null;
}

/**
 * The forms' submit: the page's data is reloaded, the form is emptied only when the save
 * succeeded (a refused one keeps what was typed), and `saved` runs after a success.
 */
export function saveThen(saved: () => void = () => {}): SubmitFunction {
	return () =>
		async ({ update, result }) => {
			await update({ reset: result.type === 'success' });
			if (result.type === 'success') saved();
		};
}
