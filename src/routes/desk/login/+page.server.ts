import { redirect } from '@sveltejs/kit';
import { landingPath } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import { formProblem } from '$lib/server/http/respond';
import { setSessionCookie } from '$lib/server/staff/sessions';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.session) redirect(303, '/desk');
};

function safeNext(next: string | null, landing: string): string {
	return next && next.startsWith('/desk') && !next.startsWith('//') ? next : landing;
}

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, locals, url }) => {
		const form = await readForm(request, locals.locale);
		const username = String(form.get('username') ?? '');
		let landing: string;
		try {
			const { token, staff } = await foyer().auth.login(
				{ username, password: String(form.get('password') ?? '') },
				getClientAddress()
			);
			setSessionCookie(cookies, token, url);
			landing = landingPath(staff.roles);
		} catch (e) {
			return formProblem(e, locals.locale, { username });
		}
		redirect(303, safeNext(url.searchParams.get('next'), landing));
	}
};
