import { trackView } from '$lib/domain/work-order-track';
import { foyer } from '$lib/server/foyer';
import { formProblem } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/**
 * Follow a request from any phone: its number (on the slip) and the last 4 digits of the
 * phone the reporter identified with. Limited like POST /api/track (the same function).
 */
export const load: PageServerLoad = () => {
	const site = foyer().site.site;
	return { site: site.name, siteEn: site.nameEn, timeZone: site.timeZone };
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const app = foyer();
		const form = await readForm(request, locals.locale);
		const number = String(form.get('number') ?? '');
		try {
			const order = await app.tracking.track({
				number,
				phoneTail: form.get('phoneTail'),
				client: getClientAddress()
			});
			return { view: trackView(order, app.site.site) };
		} catch (e) {
			// The number comes back to be corrected; the phone digits never do.
			return formProblem(e, locals.locale, { number });
		}
	}
};
