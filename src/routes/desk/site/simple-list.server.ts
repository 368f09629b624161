import type { Actions } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import type { RecordKind } from '$lib/server/site/records';

/** The deactivate / reactivate action of a records page listing `kind`. */
export function activeActions(kind: RecordKind): Actions {
	return {
		active: async ({ request, locals }) => {
			const who = actingOf(requireSection(locals, 'site'));
			const form = await readForm(request, locals.locale);
			const id = String(form.get('id') ?? '');
			try {
				await foyer().records.setActive(who, kind, id, form.get('active') === '1');
				return { saved: true };
			} catch (e) {
				return formProblem(e, locals.locale);
			}
		}
	};
}
