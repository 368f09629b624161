import { error, json } from '@sveltejs/kit';
import { ticketView } from '$lib/domain/queue';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import type { RequestHandler } from './$types';

/** Where a ticket stands. The id is the secret: it is only on the holder's slip. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const app = foyer();
	const standing = await app.queue.standing(params.id);
	if (!standing) error(404, translate(locals.locale, 'error.ticketNotFound'));
	return json({ ticket: ticketView(standing, app.site.site.counters) });
};
