import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import { xlsxDownload } from '$lib/server/http/xlsx';
import { translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** A preview's rows in error, with a reason column, to fix and upload again. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const session = requireSection(locals, 'site');
	try {
		const bytes = await foyer().imports.errorRows(actingOf(session), params.token, locals.locale);
		return xlsxDownload(bytes, `${translate(locals.locale, 'import.errorsFile')}.xlsx`);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
