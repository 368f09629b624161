import { error, redirect } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { CHIPS } from '$lib/domain/work-order';
import { placeName } from '$lib/domain/work-order-place';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { formProblem } from '$lib/server/http/respond';
import { MAX_PHOTOS } from '$lib/server/work-orders/photos';
import { reportSchema } from '$lib/domain/work-order-input';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/**
 * "Continue on your phone": the report started at the kiosk, finished here with more text and
 * photos. The token in the address (from the kiosk's QR) is the only key; it lasts 15 minutes
 * and works once.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const app = foyer();
	const draft = await app.handoffs.get(params.token);
	if (!draft) error(404, translate(locals.locale, 'error.reportLinkGone'));
	return {
		site: app.site.site.name,
		siteEn: app.site.site.nameEn,
		category: draft.category,
		// Masked: whoever holds the phone sees 3栋2单元**01, as on every public page.
		place: placeName(draft.location, app.site.site),
		chips: draft.chips,
		choices: CHIPS[draft.category],
		maxPhotos: MAX_PHOTOS,
		expiresAt: new Date(draft.expires).toISOString(),
		serverTime: app.clock.now().toISOString()
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals, url }) => {
		const app = foyer();
		const form = await readForm(request, locals.locale, ['photos']);
		const text = String(form.get('text') ?? '');
		const picked = form.getAll('chips').map(String);
		let rateToken: string;
		try {
			// Everything that can be refused is checked before the draft is used up, so a too
			// long text or a wrong photo can be fixed and sent again from the same page.
			const draft = await app.handoffs.get(params.token);
			if (!draft) throw new FoyerError('error.reportLinkGone', {}, 404);
			const input = reportSchema.parse({
				category: draft.category,
				location: draft.location,
				chips: picked.filter((c) => CHIPS[draft.category].includes(c)),
				text
			});
			if (input.chips.length === 0 && !input.text) throw new FoyerError('error.describeProblem');
			const id = app.workOrders.newId();
			const photos = await app.photos.save(id, form.getAll('photos') as File[]);
			// Once: a second tap (or a second phone) finds the draft gone. If that race is lost,
			// the photos just stored stay unreferenced under an id no order has.
			if (!(await app.handoffs.take(params.token)))
				throw new FoyerError('error.reportLinkGone', {}, 404);
			const order = await app.workOrders.submit(input, {
				source: 'phone',
				residentId: draft.residentId,
				phoneTail: draft.phoneTail,
				photos,
				id
			});
			rateToken = order.rateToken;
		} catch (e) {
			return formProblem(e, locals.locale, { text, chips: picked });
		}
		// On to the request's own page: it shows the number, follows the request and takes the
		// rating later; reloading it never submits twice.
		const lang = url.searchParams.get('lang') === 'en' ? '&lang=en' : '';
		redirect(303, `/w/${rateToken}?sent=1${lang}`);
	}
};
