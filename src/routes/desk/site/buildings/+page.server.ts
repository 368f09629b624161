import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/permissions';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { requireSection } from '$lib/server/http/respond';
import { placeActions } from '../simple-list.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'site');
	if (!can(session.staff.roles, 'site.records')) {
		error(403, translate(locals.locale, 'error.forbidden'));
	}
	const site = foyer().site.site;
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
