import { redirect } from '@sveltejs/kit';
import { packKindOf } from '$lib/domain/report-packs';
import { dayKey } from '$lib/domain/time';
import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, formProblem, problem, requireSection } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

/**
 * The period asked for: `?p=2026-Q3` (a month, a quarter or `from..to`), or the range form's
 * `?from=…&to=…`; none is this month.
 */
function askedPeriod(url: URL, today: string): string {
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	if (from && to) return `${from}..${to}`;
	return url.searchParams.get('p')?.trim() || today.slice(0, 7);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const who = actingOf(requireSection(locals, 'reports'));
	const app = foyer();
	const today = dayKey(app.clock.now(), app.site.site.timeZone);
	const asked = askedPeriod(url, today);
	let periodProblem = null;
	let report;
	try {
		report = await app.reports.report(who, asked);
	} catch (e) {
		// A period that cannot be read shows this month, and says why.
		periodProblem = problem(e, locals.locale).problem;
		report = await app.reports.report(who, today.slice(0, 7));
	}
	const packKind = packKindOf(report.current.period);
	const draft = packKind
		? await app.reportPacks.draft(who, packKind, report.current.period.key)
		: undefined;
	return {
		report,
		today,
		asked,
		periodProblem,
		packKind,
		comments: draft?.comments ?? '',
		packs: await app.reportPacks.list(who)
	};
};

/** The pack's fields as the form sends them. */
async function packForm(request: Request, locale: App.Locals['locale']) {
	const form = await readForm(request, locale);
	return {
		kind: String(form.get('kind') ?? ''),
		period: String(form.get('period') ?? ''),
		comments: String(form.get('comments') ?? '')
	};
}

export const actions: Actions = {
	/** Keeps the draft's comments. */
	save: async ({ request, locals }) => {
		const who = actingOf(requireSection(locals, 'reports'));
		const input = await packForm(request, locals.locale);
		try {
			await foyer().reportPacks.saveComments(who, input);
			return { saved: true, comments: input.comments };
		} catch (e) {
			return formProblem(e, locals.locale, { comments: input.comments });
		}
	},
	/** Issues the pack (freezing its figures) and opens it. */
	issue: async ({ request, locals }) => {
		const who = actingOf(requireSection(locals, 'reports'));
		const input = await packForm(request, locals.locale);
		let id: string;
		try {
			id = (await foyer().reportPacks.issue(who, input)).id;
		} catch (e) {
			return formProblem(e, locals.locale, { comments: input.comments });
		}
		redirect(303, `/desk/reports/packs/${encodeURIComponent(id)}`);
	}
};
