import { placeActions } from '../simple-list.server';
import { placesSite } from '../records.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const site = placesSite(locals);
	return {
		rows: site.publicAreas.map((a) => ({
			id: a.id,
			active: a.active,
			cells: [a.name, a.nameEn ?? ''],
			values: { name: a.name, nameEn: a.nameEn ?? '' }
		}))
	};
};

export const actions = placeActions('area', ['name', 'nameEn']);
