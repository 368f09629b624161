import { isMessageKey, translate, type Locale } from '$lib/i18n';
import { placeActions } from '../simple-list.server';
import { placesSite } from '../records.server';
import type { PageServerLoad } from './$types';

/** A piece of equipment by name: known ids translated, anything else as typed. */
function equipment(locale: Locale, id: string): string {
	const key = `rooms.equipment.${id}`;
	return isMessageKey(key) ? translate(locale, key) : id;
}

export const load: PageServerLoad = ({ locals }) => {
	const site = placesSite(locals);
	const sep = translate(locals.locale, 'list.separator');
	return {
		rows: site.rooms.map((r) => ({
			id: r.id,
			active: r.active,
			cells: [
				r.name,
				r.nameEn ?? '',
				r.floor,
				r.capacity,
				// Equipment ids are free text (an admin may add any); known ones are translated.
				r.equipment.map((e) => equipment(locals.locale, e)).join(sep),
				r.layouts.map((l) => translate(locals.locale, `rooms.layout.${l}`)).join(sep)
			],
			values: {
				name: r.name,
				nameEn: r.nameEn ?? '',
				floor: r.floor,
				capacity: String(r.capacity),
				equipment: r.equipment.join(sep),
				layouts: r.layouts
			}
		}))
	};
};

export const actions = placeActions(
	'room',
	['name', 'nameEn', 'floor', 'capacity', 'equipment'],
	['layouts']
);
