import { redirect } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { can } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/**
 * An empty site: the first step (site name, first admin). Afterwards, for admins: the rest of
 * the walk-through and the go-live checklist (what is still missing before the kiosk can take
 * payments); everyone else goes to the desk.
 */
export const load: PageServerLoad = ({ locals }) => {
	const app = foyer();
	if (app.staff.count() === 0) return { goLive: null };
	const session = locals.session;
	if (!session || !can(session.staff.roles, 'site.goLive')) redirect(303, '/desk');
	return { goLive: app.goLive.checklist(actingOf(session)), siteName: app.site.site.name };
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
