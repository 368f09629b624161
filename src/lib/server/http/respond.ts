import { error, fail, json, type ActionFailure } from '@sveltejs/kit';
import type { Problem } from '$lib/domain/errors';
import { translate, type Locale } from '$lib/i18n';
import { problem } from './problem';
import { canOpen, type Acting, type DeskSection } from '$lib/domain/permissions';
import type { ActiveSession } from '../staff/sessions';

export type { Problem };
export { problem };

/** For JSON endpoints: `{ error: Problem }` with the right status. */
export function jsonProblem(e: unknown, locale: Locale): Response {
	const p = problem(e, locale);
	return json({ error: p.problem }, { status: p.status });
}

/** For form actions: `fail()` carrying the problem, plus what the form should show again. */
export function formProblem<X extends Record<string, unknown> = Record<string, never>>(
	e: unknown,
	locale: Locale,
	extra?: X
): ActionFailure<{ problem: Problem } & X> {
	const p = problem(e, locale);
	return fail(p.status, { problem: p.problem, ...(extra as X) });
}

/** The session of a request that must be logged in and allowed into `section`. */
export function requireSection(
	locals: { session: ActiveSession | null; locale: Locale },
	section: DeskSection
): ActiveSession {
	const s = locals.session;
	if (!s) error(401, translate(locals.locale, 'error.notLoggedIn'));
	if (!canOpen(s.staff.roles, section)) error(403, translate(locals.locale, 'error.forbidden'));
	return s;
}

/** The audit actor for a session. */
export function actorOf(s: ActiveSession): { id: string; username: string } {
	return { id: s.staff.id, username: s.staff.username };
}

/** The person acting, as services take them: who, and the roles that decide what they may. */
export function actingOf(s: ActiveSession): Acting {
	const { id, username, displayName, roles } = s.staff;
	return { id, username, displayName, roles };
}
