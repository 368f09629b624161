import { error } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { actingOf, problem, requireSection } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

/** An issued report pack, as it was issued: its frozen figures and comments. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const who = actingOf(requireSection(locals, 'reports'));
	let pack;
	try {
		pack = await foyer().reportPacks.get(who, params.id);
	} catch (e) {
		const p = problem(e, locals.locale);
		error(p.status, p.problem.message);
	}
	const { report } = pack;
	// A draft has nothing frozen to show: its comments are on the reports page.
	if (!report) error(404, problem(notFound(), locals.locale).problem.message);
	return { pack: { ...pack, report } };
};

function notFound(): FoyerError {
	return new FoyerError('error.reportPackNotFound', {}, 404);
}
