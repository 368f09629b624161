import { error, fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { isSandboxError } from '$lib/server/payments/sandbox';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/**
 * The sandbox provider's phone page: what a resident's payment app would show after scanning
 * the kiosk's QR. Confirming pays the sandbox order, and the sandbox then notifies Foyer as a
 * real provider would (signed, over HTTP). No money moves.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const app = foyer();
	const order = app.sandbox.order(params.ref);
	if (!order) error(404, translate(locals.locale, 'error.intentNotFound'));
	const status = await app.sandbox.query(params.ref);
	return {
		site: app.site.site.name,
		description: order.description,
		amountFen: order.amountFen,
		expiresAt: order.expiresAt,
		state: status.state,
		serverTime: app.clock.now().toISOString()
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const form = await readForm(request, locals.locale);
		try {
			// "Lose the notification": lets anyone see Foyer settle by asking the provider instead.
			await foyer().sandbox.pay(params.ref, { notify: form.get('silent') !== 'on' });
			return { paid: true };
		} catch (e) {
			if (!isSandboxError(e)) throw e;
			return fail(409, { message: translate(locals.locale, `pay.sandbox.error.${e.code}`) });
		}
	}
};
