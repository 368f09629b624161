import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { listQuery, orRefuse, textFields } from '../records.server';
import { activeActions } from '../simple-list.server';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['unitId', 'name', 'phones', 'kind', 'moveIn', 'moveOut'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	const who = actingOf(requireSection(locals, 'site'));
	const query = listQuery(url);
	return { query, list: orRefuse(locals.locale, () => foyer().records.residents(who, query)) };
};

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const who = actingOf(requireSection(locals, 'site'));
		const input = textFields(await readForm(request, locals.locale), FIELDS);
		try {
			await foyer().records.addResident(who, input);
			return { saved: true };
		} catch (e) {
			return formProblem(e, locals.locale, { input });
		}
	},
	edit: async ({ request, locals }) => {
		const who = actingOf(requireSection(locals, 'site'));
		const form = await readForm(request, locals.locale);
		const input = textFields(form, FIELDS);
		try {
			await foyer().records.editResident(who, String(form.get('id') ?? ''), input);
			return { saved: true };
		} catch (e) {
			return formProblem(e, locals.locale, { input });
		}
	},
	...activeActions('resident')
};
