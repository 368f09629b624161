import type { Actions } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import type { PlaceKind } from '$lib/server/site/places';
import type { RecordKind } from '$lib/server/site/records';
import { textFields } from './records.server';

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

/** A field a place form sends several times (checkboxes): services, layouts. */
type ListField = 'services' | 'layouts';

/**
 * The save (add or edit) and deactivate actions of a page listing places of `kind`: text
 * fields by name, checkbox groups as lists; a refusal comes back with the typed values and
 * the error next to its field.
 */
export function placeActions(
	kind: PlaceKind,
	fields: readonly string[],
	lists: readonly ListField[] = []
): Actions {
	return {
		save: async ({ request, locals }) => {
			const who = actingOf(requireSection(locals, 'site'));
			const form = await readForm(request, locals.locale);
			const id = String(form.get('id') ?? '') || null;
			const text = textFields(form, fields);
			const input = {
				...text,
				...Object.fromEntries(lists.map((n) => [n, form.getAll(n).map(String)]))
			};
			const places = foyer().places;
			const save = {
				building: places.saveBuilding,
				counter: places.saveCounter,
				room: places.saveRoom,
				area: places.saveArea
			}[kind].bind(places);
			try {
				await save(who, id, input);
				return { saved: true };
			} catch (e) {
				return formProblem(e, locals.locale, { input, editing: id ?? '' });
			}
		},
		...activeActions(kind)
	};
}
