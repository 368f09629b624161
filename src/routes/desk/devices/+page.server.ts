import { BOARDS } from '$lib/domain/boards';
import { foyer } from '$lib/server/foyer';
import { actorOf, formProblem, requireSection } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireSection(locals, 'devices');
	const app = foyer();
	const devices = app.devices.list().map(({ tokenHash: _hash, ...d }) => ({
		...d,
		online: app.realtime.isOnline(d.id)
	}));
	return {
		pending: devices.filter((d) => d.status === 'pending'),
		screens: devices.filter((d) => d.status === 'approved'),
		printers: app.printing.status(),
		boards: [...BOARDS],
		timeZone: app.site.site.timeZone
	};
};

function setup(form: FormData) {
	return {
		name: String(form.get('name') ?? ''),
		location: String(form.get('location') ?? ''),
		board: form.get('board') ? String(form.get('board')) : null,
		backOffice: form.get('backOffice') === 'on'
	};
}

export const actions: Actions = {
	approve: async ({ request, locals }) => {
		const session = requireSection(locals, 'devices');
		const form = await request.formData();
		try {
			const d = await foyer().devices.approve(
				actorOf(session),
				String(form.get('code') ?? ''),
				setup(form)
			);
			return { approved: d.name };
		} catch (e) {
			return formProblem(e, locals.locale, { action: 'approve' });
		}
	},
	reject: async ({ request, locals }) => {
		const session = requireSection(locals, 'devices');
		const form = await request.formData();
		try {
			await foyer().devices.reject(actorOf(session), String(form.get('id') ?? ''));
			return { rejected: true };
		} catch (e) {
			return formProblem(e, locals.locale, { action: 'reject' });
		}
	},
	configure: async ({ request, locals }) => {
		const session = requireSection(locals, 'devices');
		const form = await request.formData();
		try {
			await foyer().devices.configure(actorOf(session), String(form.get('id') ?? ''), setup(form));
			return { saved: true };
		} catch (e) {
			return formProblem(e, locals.locale, { action: 'configure' });
		}
	},
	reload: async ({ request, locals }) => {
		const session = requireSection(locals, 'devices');
		const form = await request.formData();
		try {
			await foyer().devices.reload(actorOf(session), String(form.get('id') ?? ''));
			return { reloaded: true };
		} catch (e) {
			return formProblem(e, locals.locale, { action: 'reload' });
		}
	}
};
