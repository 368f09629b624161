import { redirect } from '@sveltejs/kit';
import { dayKey } from '$lib/domain/time';
import { CATEGORIES, CHIPS } from '$lib/domain/work-order';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import {
	FILTERS,
	byNumber,
	filterOf,
	inList,
	inSlaState,
	slaFilterOf,
	newestFirst,
	unitIdOf,
	urgentFirst,
	type ListContext
} from './lists';
import { detailOf, rowOf } from './views.server';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/** Rows shown at most: the recent list spans months; search narrows it. */
const LIST_LIMIT = 200;

export const load: PageServerLoad = ({ locals, url }) => {
	const session = requireSection(locals, 'workorders');
	const app = foyer();
	const me = session.staff;
	const locale = locals.locale;
	const timeZone = app.site.site.timeZone;
	const now = app.clock.now();
	const ctx: ListContext = { viewerId: me.id, today: dayKey(now, timeZone), timeZone };
	const all = app.workOrders.all();

	const id = url.searchParams.get('id');
	const order = id ? app.workOrders.get(id) : undefined;
	const filter = filterOf(url.searchParams.get('filter'), me.roles);
	const q = url.searchParams.get('q')?.trim() ?? '';
	// From the overview's counts: an open list narrowed to one SLA state (?sla=overdue).
	const sla = filter === 'open' ? slaFilterOf(url.searchParams.get('sla')) : null;
	const slaNow = { hours: app.sla.hours, targets: app.sla.targets, now };
	// The list is only built when it is shown (not beside an order or the new-report form).
	const listed = order || url.searchParams.has('new') ? [] : q ? byNumber(all, q) : null;
	const matching =
		listed ?? all.filter((o) => inList(filter, o, ctx) && (!sla || inSlaState(sla, o, slaNow)));
	// Open lists sort by urgency, which needs every row's SLA; the others only the newest.
	const urgent = !q && (filter === 'open' || filter === 'mine');
	const rows = urgent
		? urgentFirst(matching.map((o) => rowOf(app, o, locale))).slice(0, LIST_LIMIT)
		: newestFirst([...matching])
				.slice(0, LIST_LIMIT)
				.map((o) => rowOf(app, o, locale));

	return {
		now: now.toISOString(),
		timeZone,
		filter,
		sla,
		q,
		counts: Object.fromEntries(
			FILTERS.map((f) => [f, all.filter((o) => inList(f, o, ctx)).length])
		) as Record<(typeof FILTERS)[number], number>,
		rows,
		total: matching.length,
		/** ?id= of an order that is not (or no longer) kept: said on the page, not a bare 404. */
		missing: Boolean(id && !order),
		detail: order ? detailOf(app, order, { id: me.id, roles: me.roles }, locale) : null,
		technicians: app.people.technicians(),
		newForm: url.searchParams.has('new')
			? {
					categories: [...CATEGORIES],
					chips: CHIPS,
					units: app.site.site.units.map((u) => u.id),
					// New work orders only about places still in use.
					areas: app.site.site.publicAreas.filter((a) => a.active)
				}
			: null
	};
};

export const actions: Actions = {
	/** One step of the workflow on the order shown. */
	act: async ({ request, locals }) => {
		const session = requireSection(locals, 'workorders');
		const form = await readForm(request, locals.locale);
		const action = String(form.get('action') ?? '');
		const text = (name: string) => String(form.get(name) ?? '');
		try {
			await foyer().workOrderDesk.act(actingOf(session), text('id'), {
				action,
				note: text('note'),
				technicianId: form.get('technicianId') ? text('technicianId') : null,
				score: form.get('score') ? text('score') : undefined,
				remarks: text('remarks')
			});
			return { done: action };
		} catch (e) {
			return formProblem(e, locals.locale, { failed: action });
		}
	},

	/** A report taken at the desk: a phone call or a walk-in. */
	submit: async ({ request, locals, cookies }) => {
		const session = requireSection(locals, 'workorders');
		const form = await readForm(request, locals.locale);
		let id: string;
		try {
			const order = await foyer().workOrderDesk.report(
				actingOf(session),
				{
					category: form.get('category') ?? undefined,
					where: form.get('where') === 'area' ? 'area' : 'unit',
					areaId: String(form.get('areaId') ?? ''),
					unitId: unitIdOf(String(form.get('unitId') ?? '')),
					chips: form.getAll('chip').map(String),
					text: String(form.get('text') ?? ''),
					phoneTail: String(form.get('phoneTail') ?? '')
				},
				{ counterId: cookies.get('foyer_counter') ?? null }
			);
			id = order.id;
		} catch (e) {
			return formProblem(e, locals.locale, { failed: 'submit' });
		}
		redirect(303, `/desk/workorders?id=${encodeURIComponent(id)}&created=1`);
	}
};
