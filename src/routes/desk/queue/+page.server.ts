import { redirect } from '@sveltejs/kit';
import { waitingLine, type QueueServiceKey } from '$lib/domain/queue';
import { foyer } from '$lib/server/foyer';
import type { Acting } from '$lib/domain/permissions';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

const COUNTER_COOKIE = 'foyer_counter';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	requireSection(locals, 'queue');
	const app = foyer();
	// A deactivated counter is not offered to call from (past calls still name it).
	const counters = app.site.site.counters.filter((c) => c.active);
	const chosen = url.searchParams.get('counter') ?? cookies.get(COUNTER_COOKIE);
	const counter = counters.find((c) => c.id === chosen) ?? counters[0];
	if (!counter) return { counters, counter: null, current: null, waiting: [] };
	if (url.searchParams.has('counter')) {
		// This PC's counter is remembered for next time.
		cookies.set(COUNTER_COOKIE, counter.id, {
			path: '/desk',
			maxAge: 365 * 24 * 3600,
			// SvelteKit would mark it Secure, and a desk on plain http on the LAN would lose it.
			secure: url.protocol === 'https:'
		});
		redirect(303, '/desk/queue');
	}
	const tickets = await app.queue.today();
	return {
		counters,
		counter,
		current: (await app.queue.currentOf(counter.id)) ?? null,
		waiting: waitingLine(tickets).map((t) => ({
			id: t.id,
			label: t.label,
			service: t.service,
			queuedAt: t.queuedAt,
			transferredFrom: t.transferredFrom
		}))
	};
};

async function counterAction(
	{ request, locals, cookies }: Parameters<Actions[string]>[0],
	act: (counterId: string, form: FormData, who: Acting) => Promise<unknown>
) {
	const session = requireSection(locals, 'queue');
	const form = await readForm(request, locals.locale);
	const counterId = String(form.get('counter') ?? cookies.get(COUNTER_COOKIE) ?? '');
	try {
		await act(counterId, form, actingOf(session));
		return { ok: true };
	} catch (e) {
		return formProblem(e, locals.locale);
	}
}

export const actions: Actions = {
	call: (event) =>
		counterAction(event, (counter, form, actor) => {
			const service = form.get('service');
			return foyer().queue.callNext(
				actor,
				counter,
				(service || undefined) as QueueServiceKey | undefined
			);
		}),
	recall: (event) =>
		counterAction(event, (counter, _f, actor) => foyer().queue.recall(actor, counter)),
	skip: (event) => counterAction(event, (counter, _f, actor) => foyer().queue.skip(actor, counter)),
	finish: (event) =>
		counterAction(event, (counter, _f, actor) => foyer().queue.finish(actor, counter)),
	transfer: (event) =>
		counterAction(event, (counter, form, actor) =>
			foyer().queue.transfer(actor, counter, form.get('to'))
		)
};
