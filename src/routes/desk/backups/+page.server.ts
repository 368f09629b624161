import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'backups');
	const app = foyer();
	return { backups: app.backups.view(actingOf(session)), timeZone: app.site.site.timeZone };
};

export const actions: Actions = {
	run: async ({ locals, request }) => {
		const session = requireSection(locals, 'backups');
		// The button posts an empty form; a body that is not one is refused before a backup runs.
		await readForm(request, locals.locale);
		try {
			const view = await foyer().backups.runBy(actingOf(session));
			return { done: view.lastAttempt?.ok ?? false };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
