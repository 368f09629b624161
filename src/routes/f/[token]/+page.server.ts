import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { formProblem } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/**
 * Feedback on a meeting, from the QR the door panel shows after it (phone, no login). The
 * token is the only key. Any number of participants may each send one, so nothing here says
 * "already rated". A private meeting shows only its room: what it was and when stay unsaid.
 */
export const load: PageServerLoad = ({ params, locals }) => {
	const app = foyer();
	const b = app.bookings.byFeedbackToken(params.token);
	if (!b) error(404, translate(locals.locale, 'error.bookingNotFound'));
	const room = app.site.site.rooms.find((r) => r.id === b.roomId);
	return {
		site: app.site.site.name,
		timeZone: app.site.site.timeZone,
		room: room?.name ?? '',
		meeting: b.private ? null : { title: b.title, start: b.start, end: b.end }
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const form = await readForm(request, locals.locale);
		try {
			await foyer().bookings.feedback(params.token, {
				score: form.get('score'),
				remarks: String(form.get('remarks') ?? '')
			});
			return { sent: true };
		} catch (e) {
			return formProblem(e, locals.locale, { remarks: String(form.get('remarks') ?? '') });
		}
	}
};
