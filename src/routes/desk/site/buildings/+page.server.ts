import { placeActions } from '../simple-list.server';
import { placesSite } from '../records.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const site = placesSite(locals);
	return {
		rows: site.buildings.map((b) => ({
			id: b.id,
			active: b.active,
			cells: [b.id, b.name, b.entrances, b.floors],
			values: {
				code: b.id,
				name: b.name,
				entrances: String(b.entrances),
				floors: String(b.floors)
			}
		}))
	};
};

export const actions = placeActions('building', ['code', 'name', 'entrances', 'floors']);
