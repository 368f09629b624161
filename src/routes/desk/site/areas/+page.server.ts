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
		rows: site.publicAreas.map((a) => ({
			id: a.id,
			active: a.active,
			cells: [a.name, a.nameEn ?? ''],
			values: { name: a.name, nameEn: a.nameEn ?? '' }
		}))
	};
};

export const actions = placeActions('area', ['name', 'nameEn']);
