import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/permissions';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { requireSection } from '$lib/server/http/respond';
import { activeActions } from '../simple-list.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'site');
	if (!can(session.staff.roles, 'site.records')) {
		error(403, translate(locals.locale, 'error.forbidden'));
	}
	const site = foyer().site.site;
	return {
		rows: site.counters.map((c) => ({
			id: c.id,
			active: c.active,
			cells: [
				c.number,
				c.name,
				c.nameEn ?? '',
				c.services.join(translate(locals.locale, 'list.separator'))
			]
		}))
	};
};

export const actions = activeActions('counter');
