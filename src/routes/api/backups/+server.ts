import { json } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { readJson } from '$lib/server/http/body';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** The last backup, the last attempt and where backups go (admins). */
export const GET: RequestHandler = ({ locals }) => {
	const session = requireSection(locals, 'backups');
	try {
		return json({ backups: foyer().backups.view(actingOf(session)) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};

/** Take a backup now (no body, or `{}`); answers once it is written (or has failed: see lastAttempt). */
export const POST: RequestHandler = async ({ locals, request }) => {
	const session = requireSection(locals, 'backups');
	try {
		// The request takes nothing: no body or `{}`. Anything else is a mistake, answered 4xx
		// before a backup is taken.
		const body = await readJson(request);
		if (Object.keys(body).length > 0) throw new FoyerError('error.invalid');
		return json({ backups: await foyer().backups.runBy(actingOf(session)) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
