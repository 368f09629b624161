import { error } from '@sveltejs/kit';
import { trackView } from '$lib/domain/work-order-track';
import { translate, translator } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { formProblem } from '$lib/server/http/respond';
import { remarkText } from '../remarks';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/**
 * A request's own page, opened from the QR on the kiosk, the slip or after reporting by phone.
 * The token in the address is the only key (unguessable, one per request); the page shows the
 * tracking view (masked place, no staff names or notes) and takes the resident's rating.
 */
export const load: PageServerLoad = ({ params, locals }) => {
	const app = foyer();
	const order = app.workOrders.byRateToken(params.token);
	if (!order) error(404, translate(locals.locale, 'error.workOrderNotFound'));
	return {
		site: app.site.site.name,
		siteEn: app.site.site.nameEn,
		timeZone: app.site.site.timeZone,
		view: trackView(order, app.site.site)
	};
};

export const actions: Actions = {
	rate: async ({ params, request, locals }) => {
		const form = await readForm(request, locals.locale);
		const remarks = remarkText(
			translator(locals.locale),
			form.getAll('remark').map(String),
			String(form.get('text') ?? '')
		);
		try {
			const order = await foyer().workOrders.rate(
				params.token,
				{
					score: form.get('score'),
					remarks
				},
				'phone'
			);
			return { rated: order.rating?.score ?? null };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
