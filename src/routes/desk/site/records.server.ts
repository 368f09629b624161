import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/permissions';
import type { Site } from '$lib/domain/site';
import { translate, type Locale } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { requireSection } from '$lib/server/http/respond';
import { problem } from '$lib/server/http/problem';
import type { ListQuery } from '$lib/server/site/records';

/** The list query of a records page: `?q=…&page=…&all=1`. */
export function listQuery(url: URL): Required<ListQuery> {
	return {
		q: url.searchParams.get('q') ?? '',
		page: Number(url.searchParams.get('page') ?? 1) || 1,
		all: url.searchParams.get('all') === '1'
	};
}

/** Runs a load's service call; a refusal (403 for a role) becomes the error page, translated. */
export function orRefuse<T>(locale: Locale, run: () => T): T {
	try {
		return run();
	} catch (e) {
		const p = problem(e, locale);
		error(p.status, p.problem.message);
	}
}

/** A form's text fields, by name, as the input schemas take them. */
export function textFields(form: FormData, names: readonly string[]): Record<string, string> {
	return Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '')]));
}

/** The site as a places page lists it, for a person who may edit site records (else 403). */
export function placesSite(locals: App.Locals): Site {
	const session = requireSection(locals, 'site');
	if (!can(session.staff.roles, 'site.records')) {
		error(403, translate(locals.locale, 'error.forbidden'));
	}
	return foyer().site.site;
}
