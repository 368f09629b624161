import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE } from '$lib/i18n';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/** Only a form posts here; an address typed or followed goes to the desk. */
export const load: PageServerLoad = () => redirect(303, '/desk');

export const actions: Actions = {
	/** Switches the desk between Chinese and English and goes back where it was. */
	default: async ({ request, cookies, locals, url }) => {
		const form = await readForm(request, locals.locale);
		const next = String(form.get('next') ?? '/desk');
		cookies.set(LOCALE_COOKIE, locals.locale === 'zh-CN' ? 'en' : 'zh-CN', {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 365 * 24 * 3600,
			// Not Secure over plain http (a desk on the LAN), or the browser drops it.
			secure: url.protocol === 'https:'
		});
		redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/desk');
	}
};
