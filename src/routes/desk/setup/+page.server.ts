import { redirect } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { formProblem } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	if (foyer().staff.count() > 0) redirect(303, '/desk');
};

function codeMatches(given: string, expected: string | null): boolean {
	if (!expected) return false;
	const a = Buffer.from(given.trim().toUpperCase());
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export const actions: Actions = {
	/** The first admin sets up an empty site, proving with the code printed on the console
	 * that they run this server. */
	default: async ({ request, locals }) => {
		const form = await readForm(request, locals.locale);
		const app = foyer();
		if (app.staff.count() > 0) redirect(303, '/desk');
		const field = (k: string) => String(form.get(k) ?? '');
		const input = {
			name: field('name'),
			buildings: field('buildings'),
			counters: field('counters'),
			rooms: field('rooms'),
			username: field('username'),
			displayName: field('displayName')
		};
		try {
			if (!codeMatches(field('code'), app.setupCode))
				throw new FoyerError('error.setupCode', {}, 403);
			const admin = await app.staff.create(null, {
				username: input.username,
				displayName: input.displayName,
				roles: ['admin'],
				password: field('password')
			});
			await app.site.setUp({ id: admin.id, username: admin.username }, input);
			app.setupCode = null;
		} catch (e) {
			return formProblem(e, locals.locale, { input });
		}
		redirect(303, '/desk/login');
	}
};
