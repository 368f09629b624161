import { redirect } from '@sveltejs/kit';
import { can, type Acting } from '$lib/domain/permissions';
import { dayKey } from '$lib/domain/time';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { avItemsFromForm, bookingFromForm, fieldsOf, newFields } from './form';
import { dayNumber } from './local-time';
import { dayView, detailOf, weekView } from './views.server';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const session = requireSection(locals, 'rooms');
	const app = foyer();
	const site = app.site.site;
	const now = app.clock.now();
	const today = dayKey(now, site.timeZone);
	const asked = url.searchParams.get('day') ?? '';
	const day = dayNumber(asked) === null ? today : asked;
	const view: 'day' | 'week' = url.searchParams.get('view') === 'week' ? 'week' : 'day';
	const id = url.searchParams.get('id');
	const booking = id ? app.bookings.get(id) : undefined;
	const newIn = url.searchParams.get('new');
	// A deactivated room takes no new bookings; one a booking open here is in stays listed.
	const rooms = site.rooms.filter((r) => r.active || r.id === booking?.roomId);
	const room = rooms.find((r) => r.id === newIn) ?? rooms[0];
	const manager = can(session.staff.roles, 'rooms.configure');
	const editing = Boolean(booking && url.searchParams.has('edit'));
	return {
		today,
		day,
		view,
		rooms,
		/** Every room's name, deactivated ones too: old bookings still name theirs. */
		roomNames: Object.fromEntries(site.rooms.map((r) => [r.id, r.name])) as Record<string, string>,
		policy: app.rooms.policy,
		grid: view === 'day' ? dayView(app, day, now.getTime()) : null,
		week: view === 'week' ? weekView(app, day, now.getTime()) : null,
		/** ?id= of a booking that is not kept: said on the page, not a bare 404. */
		missing: Boolean(id && !booking),
		// The edit form replaces the detail (and its QR codes) in the panel.
		detail:
			booking && !editing
				? await detailOf(app, booking, { locale: locals.locale, origin: url.origin, now: +now })
				: null,
		form:
			booking && editing
				? { id: booking.id, fields: fieldsOf(booking, site.timeZone) }
				: newIn !== null && room
					? {
							id: null,
							fields: newFields({ roomId: room.id, date: day, at: url.searchParams.get('at') })
						}
					: null,
		settings: manager ? { policy: app.rooms.policy, hasPin: app.rooms.hasPin } : null
	};
};

type ActionEvent = Parameters<Actions[string]>[0];

/** Runs one rooms action: the section check, the form, a translated failure naming the form. */
async function roomsAction<R extends Record<string, unknown>>(
	{ request, locals }: ActionEvent,
	failed: string,
	act: (form: FormData, who: Acting) => Promise<R>
) {
	const session = requireSection(locals, 'rooms');
	const form = await readForm(request, locals.locale);
	try {
		return await act(form, actingOf(session));
	} catch (e) {
		return formProblem(e, locals.locale, { failed });
	}
}

/** Creates or updates (edits, moves) from the booking form, then shows it on its day. */
async function save(event: ActionEvent, mode: 'create' | 'update') {
	const session = requireSection(event.locals, 'rooms');
	const app = foyer();
	const form = await readForm(event.request, event.locals.locale);
	const id = mode === 'update' ? String(form.get('id') ?? '') : null;
	const input = bookingFromForm(form, app.site.site.timeZone);
	let saved: string;
	try {
		saved = (await app.roomDesk.save(actingOf(session), id, input, event.locals.locale)).id;
	} catch (e) {
		return formProblem(e, event.locals.locale, { failed: 'booking' });
	}
	const day = String(form.get('date') ?? '');
	redirect(303, `/desk/rooms?day=${encodeURIComponent(day)}&id=${encodeURIComponent(saved)}`);
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	create: (event) => save(event, 'create'),
	update: (event) => save(event, 'update'),
	cancel: (event) =>
		roomsAction(event, 'cancel', async (form, who) => {
			await foyer().roomDesk.cancel(who, text(form, 'id'), text(form, 'reason'));
			return { done: 'cancelled' };
		}),
	avCheck: (event) =>
		roomsAction(event, 'av', async (form, who) => {
			const b = await foyer().roomDesk.avCheck(who, text(form, 'id'), {
				items: avItemsFromForm(form),
				note: text(form, 'note')
			});
			return { done: `av.${b.avCheck.status}` };
		}),
	savePolicy: (event) =>
		roomsAction(event, 'policy', async (form, who) => {
			await foyer().roomDesk.savePolicy(who, Object.fromEntries(form));
			return { done: 'policy' };
		}),
	setPin: (event) =>
		roomsAction(event, 'pin', async (form, who) => {
			await foyer().roomDesk.setPin(who, text(form, 'pin'));
			return { done: 'pin' };
		})
};
