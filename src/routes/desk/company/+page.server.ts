import { error } from '@sveltejs/kit';
import { dayKey } from '$lib/domain/time';
import { figuresFor } from '$lib/server/company/serve';
import { foyer } from '$lib/server/foyer';
import { actingOf, problem, requireSection } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

/**
 * Head office's page: every site's figures and the company's for `?p=` (a month, a quarter or
 * `from..to`, as /desk/reports reads it; `?from=…&to=…` from the range form); none is this month.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const who = actingOf(requireSection(locals, 'company'));
	const app = foyer();
	const today = dayKey(app.clock.now(), app.site.site.timeZone);
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	const asked =
		from && to ? `${from}..${to}` : url.searchParams.get('p')?.trim() || today.slice(0, 7);
	try {
		return { today, periodProblem: null, figures: await figuresFor(app, who, asked, url) };
	} catch (e) {
		// A period that cannot be read shows this month, and says why.
		const p = problem(e, locals.locale);
		if (p.status !== 400) error(p.status, p.problem.message);
		const figures = await figuresFor(app, who, today.slice(0, 7), url);
		return { today, periodProblem: p.problem, figures };
	}
};
