import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
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

/** Take a backup now; answers once it is written (or has failed: see lastAttempt). */
export const POST: RequestHandler = async ({ locals }) => {
	const session = requireSection(locals, 'backups');
	try {
		return json({ backups: await foyer().backups.runBy(actingOf(session)) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
