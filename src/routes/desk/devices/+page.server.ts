import { BOARDS } from '$lib/domain/boards';
import type { Acting } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import type { DeviceSetupForm } from '$lib/server/devices/device-desk';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
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

function setup(form: FormData): DeviceSetupForm {
	return {
		name: String(form.get('name') ?? ''),
		location: String(form.get('location') ?? ''),
		board: form.get('board') ? String(form.get('board')) : null,
		backOffice: form.get('backOffice') === 'on',
		printerId: form.get('printerId') ? String(form.get('printerId')) : null,
		roomId: form.get('roomId') ? String(form.get('roomId')) : null
	};
}

/** Runs one action on the devices page: session, form, translated failure. */
async function deviceAction<R extends Record<string, unknown>>(
	{ request, locals }: Parameters<Actions[string]>[0],
	action: string,
	act: (form: FormData, who: Acting) => Promise<R>
) {
	const session = requireSection(locals, 'devices');
	const form = await readForm(request, locals.locale);
	try {
		return await act(form, actingOf(session));
	} catch (e) {
		return formProblem(e, locals.locale, { action });
	}
}

const id = (form: FormData) => String(form.get('id') ?? '');

export const actions: Actions = {
	approve: (event) =>
		deviceAction(event, 'approve', async (form, who) => {
			const code = String(form.get('code') ?? '');
			return { approved: (await foyer().deviceDesk.approve(who, code, setup(form))).name };
		}),
	reject: (event) =>
		deviceAction(event, 'reject', async (form, who) => {
			await foyer().deviceDesk.reject(who, id(form));
			return { rejected: true };
		}),
	configure: (event) =>
		deviceAction(event, 'configure', async (form, who) => {
			await foyer().deviceDesk.configure(who, id(form), setup(form));
			return { saved: true };
		}),
	reload: (event) =>
		deviceAction(event, 'reload', async (form, who) => {
			await foyer().deviceDesk.reload(who, id(form));
			return { reloaded: true };
		})
};
