import { error } from '@sveltejs/kit';
import { ticketView } from '$lib/domain/queue';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const app = foyer();
	const standing = await app.queue.standing(params.id);
	if (!standing) error(404, translate(locals.locale, 'error.ticketNotFound'));
	return {
		ticket: ticketView(standing, app.site.site.counters),
		site: app.site.site.name,
		siteEn: app.site.site.nameEn
	};
};
