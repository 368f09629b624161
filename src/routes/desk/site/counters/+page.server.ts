import { isMessageKey, translate, type Locale } from '$lib/i18n';
import { placeActions } from '../simple-list.server';
import { placesSite } from '../records.server';
import type { PageServerLoad } from './$types';

/** A queue service by its key, translated (a key from an older version shown as stored). */
function service(locale: Locale, key: string): string {
	const k = `queue.service.${key}`;
	return isMessageKey(k) ? translate(locale, k) : key;
}

export const load: PageServerLoad = ({ locals }) => {
	const site = placesSite(locals);
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
