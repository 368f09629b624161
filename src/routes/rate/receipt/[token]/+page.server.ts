import { error } from '@sveltejs/kit';
import { receiptNumber } from '$lib/domain/fees';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { formProblem } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/** Rating the service of one payment, from the QR on its receipt (phone, no login). */
export const load: PageServerLoad = ({ params, locals }) => {
	const app = foyer();
	const entry = app.fees.byReceiptToken(params.token);
	if (!entry) error(404, translate(locals.locale, 'error.receiptNotFound'));
	return {
		site: app.site.site.name,
		siteEn: app.site.site.nameEn,
		receiptNo: receiptNumber(entry),
		rated: app.ratings.of(entry.id)?.score ?? null
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const app = foyer();
		const entry = app.fees.byReceiptToken(params.token);
		if (!entry) error(404, translate(locals.locale, 'error.receiptNotFound'));
		const form = await readForm(request, locals.locale);
		try {
			await app.ratings.rate(entry.id, 'receipt', {
				score: form.get('score'),
				remarks: String(form.get('remarks') ?? '')
			});
			return { thanks: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
