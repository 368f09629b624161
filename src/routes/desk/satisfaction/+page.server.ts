import { SATISFACTION_TARGET } from '$lib/domain/satisfaction';
import { dayKey } from '$lib/domain/time';
import { LOW_SCORE } from '$lib/domain/work-order';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { monthOf, shiftMonth, slaCompliance } from './figures';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/**
 * The work-order service keeps this many days of finished orders in memory (and every open
 * one); a month further back would be counted from a part of its orders, so it is flagged.
 */
const KEPT_DAYS = 120;

export const load: PageServerLoad = ({ locals, url }) => {
	requireSection(locals, 'satisfaction');
	const app = foyer();
	const timeZone = app.site.site.timeZone;
	const now = app.clock.now();
	const thisMonth = dayKey(now, timeZone).slice(0, 7);
	const month = monthOf(url.searchParams.get('month'), thisMonth);
	const orders = app.workOrders.all();
	const keptSince = dayKey(new Date(now.getTime() - KEPT_DAYS * 86_400_000), timeZone);
	return {
		month,
		thisMonth,
		prev: shiftMonth(month, -1),
		next: month < thisMonth ? shiftMonth(month, 1) : null,
		/** The month starts before the oldest finished orders still kept. */
		partial: `${month}-01` < keptSince,
		target: SATISFACTION_TARGET,
		/** Work-order ratings and follow-up calls, and ratings of the counter's service. */
		satisfaction: app.satisfaction.of(month),
		sla: slaCompliance(orders, month, {
			hours: app.sla.hours,
			targets: app.sla.targets,
			now,
			timeZone
		}),
		/** Low scores not yet followed up, whatever the month, oldest first. */
		tasks: orders
			.filter((o) => o.lowScoreTask && o.lowScoreTask.doneAt === null)
			.sort((a, b) =>
				(a.lowScoreTask?.openedAt ?? '').localeCompare(b.lowScoreTask?.openedAt ?? '')
			)
			.map((o) => {
				// The score that opened it: the lower of the resident's and the follow-up call's.
				const low = [o.rating, o.followUp]
					.filter((r) => r !== null && r.score <= LOW_SCORE)
					.sort((a, b) => (a?.score ?? 0) - (b?.score ?? 0))[0];
				return {
					id: o.id,
					number: o.number,
					category: o.category,
					score: low?.score ?? null,
					remarks: low?.remarks ?? '',
					openedAt: o.lowScoreTask?.openedAt ?? o.at
				};
			}),
		timeZone
	};
};

export const actions: Actions = {
	/** The manager called the resident back about a low score. */
	taskDone: async ({ request, locals }) => {
		const session = requireSection(locals, 'satisfaction');
		const form = await readForm(request, locals.locale);
		try {
			const { id, username, roles } = actingOf(session);
			const order = await foyer().workOrders.taskDone(
				{ id, username, roles },
				String(form.get('id') ?? '')
			);
			return { taskDone: order.number };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
