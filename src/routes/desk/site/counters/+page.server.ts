import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/permissions';
import { isMessageKey, translate, type Locale } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { requireSection } from '$lib/server/http/respond';
import { placeActions } from '../simple-list.server';
import type { PageServerLoad } from './$types';

/** A queue service by its key, translated (a key from an older version shown as stored). */
function service(locale: Locale, key: string): string {
	const k = `queue.service.${key}`;
	return isMessageKey(k) ? translate(locale, k) : key;
}

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
				c.services
					.map((s) => service(locals.locale, s))
					.join(translate(locals.locale, 'list.separator'))
			],
			values: {
				number: String(c.number),
				name: c.name,
				nameEn: c.nameEn ?? '',
				services: c.services
			}
		}))
	};
};

export const actions = placeActions('counter', ['number', 'name', 'nameEn'], ['services']);
