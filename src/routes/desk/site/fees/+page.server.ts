import { inForce } from '$lib/domain/site-records';
import { dayKey } from '$lib/domain/time';
import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { orRefuse, textFields } from '../records.server';
import { activeActions } from '../simple-list.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const who = actingOf(requireSection(locals, 'site'));
	const app = foyer();
	const today = dayKey(app.clock.now(), app.site.site.timeZone);
	const list = orRefuse(locals.locale, () => app.records.feeStandards(who));
	return {
		standards: list.map((s) => ({ ...s, current: inForce(s, today) })),
		buildings: app.site.site.buildings
			.filter((b) => b.active)
			.map((b) => ({ id: b.id, name: b.name }))
	};
};

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const who = actingOf(requireSection(locals, 'site'));
		const form = await readForm(request, locals.locale);
		const input = {
			...textFields(form, ['name', 'nameEn', 'kind', 'price', 'validFrom', 'validTo']),
			buildings: form.getAll('buildings').map(String),
			uses: form.getAll('uses').map(String)
		};
		try {
			await foyer().records.saveFeeStandard(who, input);
			return { saved: true };
		} catch (e) {
			return formProblem(e, locals.locale, { input });
		}
	},
	...activeActions('feeStandard')
};
