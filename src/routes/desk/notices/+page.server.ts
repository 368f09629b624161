import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireSection(locals, 'notices');
	return { notices: foyer().notices.live() };
};

export const actions: Actions = {
	publish: async ({ request, locals }) => {
		const session = requireSection(locals, 'notices');
		const form = await readForm(request, locals.locale);
		const input = {
			level: String(form.get('level') ?? 'normal'),
			title: String(form.get('title') ?? ''),
			body: String(form.get('body') ?? '')
		};
		try {
			await foyer().notices.publish(actingOf(session), input);
			return { published: true };
		} catch (e) {
			return formProblem(e, locals.locale, { input });
		}
	},
	clear: async ({ request, locals }) => {
		const session = requireSection(locals, 'notices');
		const form = await readForm(request, locals.locale);
		try {
			await foyer().notices.clear(actingOf(session), String(form.get('id') ?? ''));
			return { cleared: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
