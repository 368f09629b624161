import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import { xlsxDownload } from '$lib/server/http/xlsx';
import { isMessageKey, translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The template of a kind of import, in the staff's language. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const session = requireSection(locals, 'site');
	try {
		const bytes = await foyer().imports.template(actingOf(session), params.kind, locals.locale);
		const key = `import.kind.${params.kind}`;
		const name = isMessageKey(key) ? translate(locals.locale, key) : params.kind;
		return xlsxDownload(bytes, `${name}-${translate(locals.locale, 'import.templateFile')}.xlsx`);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
