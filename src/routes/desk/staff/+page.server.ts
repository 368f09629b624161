import { SITE_ROLES, type SiteRole } from '$lib/domain/staff';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireSection(locals, 'staff');
	const app = foyer();
	// The company's accounts that act here are shown, read-only: operations manage them.
	return { staff: app.staff.list(), company: app.people.companyAccounts() };
};

function roles(form: FormData): SiteRole[] {
	return form
		.getAll('roles')
		.filter((r): r is SiteRole => (SITE_ROLES as readonly unknown[]).includes(r));
}

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const session = requireSection(locals, 'staff');
		const form = await readForm(request, locals.locale);
		const input = {
			username: String(form.get('username') ?? ''),
			displayName: String(form.get('displayName') ?? ''),
			roles: roles(form),
			password: String(form.get('password') ?? '')
		};
		try {
			const created = await foyer().staff.create(actingOf(session), input);
			return { created: created.username };
		} catch (e) {
			return formProblem(e, locals.locale, {
				action: 'create',
				input: { ...input, password: '' }
			});
		}
	},
	change: async ({ request, locals }) => {
		const session = requireSection(locals, 'staff');
		const form = await readForm(request, locals.locale);
		const id = String(form.get('id') ?? '');
		try {
			await foyer().staff.change(actingOf(session), id, {
				displayName: String(form.get('displayName') ?? ''),
				roles: roles(form),
				active: form.get('active') === 'on'
			});
			return { saved: id };
		} catch (e) {
			return formProblem(e, locals.locale, { action: 'change', id });
		}
	},
	password: async ({ request, locals }) => {
		const session = requireSection(locals, 'staff');
		const form = await readForm(request, locals.locale);
		const id = String(form.get('id') ?? '');
		try {
			await foyer().staff.setPassword(actingOf(session), id, String(form.get('password') ?? ''));
			return { saved: id };
		} catch (e) {
			return formProblem(e, locals.locale, { action: 'password', id });
		}
	}
};
