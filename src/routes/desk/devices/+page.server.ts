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
		rooms: app.site.site.rooms.map((r) => ({ id: r.id, name: r.name })),
		timeZone: app.site.site.timeZone
	};
};

function setup(form: FormData) {
	return {
		name: String(form.get('name') ?? ''),
		location: String(form.get('location') ?? ''),
		board: form.get('board') ? String(form.get('board')) : null,
		backOffice: form.get('backOffice') === 'on',
		printerId: form.get('printerId') ? String(form.get('printerId')) : null,
		roomId: form.get('roomId') ? String(form.get('roomId')) : null
	};
}

/** Runs one admin action on the devices page: role check, form, translated failure. */
async function deviceAction<R extends Record<string, unknown>>(
	{ request, locals }: Parameters<Actions[string]>[0],
	action: string,
	act: (form: FormData, actor: { id: string; username: string }) => Promise<R>
) {
	const session = requireSection(locals, 'devices');
	const form = await request.formData();
	try {
		return await act(form, actorOf(session));
	} catch (e) {
		return formProblem(e, locals.locale, { action });
	}
}

const id = (form: FormData) => String(form.get('id') ?? '');

export const actions: Actions = {
	approve: (event) =>
		deviceAction(event, 'approve', async (form, actor) => {
			const code = String(form.get('code') ?? '');
			return { approved: (await foyer().devices.approve(actor, code, setup(form))).name };
		}),
	reject: (event) =>
		deviceAction(event, 'reject', async (form, actor) => {
			await foyer().devices.reject(actor, id(form));
			return { rejected: true };
		}),
	configure: (event) =>
		deviceAction(event, 'configure', async (form, actor) => {
			await foyer().devices.configure(actor, id(form), setup(form));
			return { saved: true };
		}),
	reload: (event) =>
		deviceAction(event, 'reload', async (form, actor) => {
			await foyer().devices.reload(actor, id(form));
			return { reloaded: true };
		})
};
