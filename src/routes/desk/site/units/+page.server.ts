import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { listQuery, orRefuse, textFields } from '../records.server';
import { activeActions } from '../simple-list.server';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['building', 'entrance', 'room', 'area', 'use', 'state'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	const who = actingOf(requireSection(locals, 'site'));
	const query = listQuery(url);
	const app = foyer();
	return {
		query,
		list: orRefuse(locals.locale, () => app.records.units(who, query)),
		buildings: app.site.site.buildings
			.filter((b) => b.active)
			.map((b) => ({ id: b.id, name: b.name }))
	};
};

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const who = actingOf(requireSection(locals, 'site'));
		const input = textFields(await readForm(request, locals.locale), FIELDS);
		try {
			await foyer().records.addUnit(who, input);
			return { saved: true };
		} catch (e) {
			return formProblem(e, locals.locale, { input, editing: '' });
		}
	},
	edit: async ({ request, locals }) => {
		const who = actingOf(requireSection(locals, 'site'));
		const form = await readForm(request, locals.locale);
		const id = String(form.get('id') ?? '');
		const input = textFields(form, FIELDS);
		try {
			await foyer().records.editUnit(who, id, input);
			return { saved: true };
		} catch (e) {
			return formProblem(e, locals.locale, { input, editing: id });
		}
	},
	...activeActions('unit')
};
