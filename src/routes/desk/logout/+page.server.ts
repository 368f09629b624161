import { redirect } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { SESSION_COOKIE } from '$lib/server/staff/sessions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/desk');

export const actions: Actions = {
	/** Ends the session and every socket it opened. */
	default: async ({ cookies, request, locals }) => {
		// A post that is not a form is refused here as on every action, not taken as a log-out.
		await readForm(request, locals.locale);
		const token = cookies.get(SESSION_COOKIE);
		if (token) await foyer().auth.logout(token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/desk/login');
	}
};
