import { json } from '@sveltejs/kit';
import { FoyerError } from '$lib/domain/errors';
import { foyer } from '$lib/server/foyer';
import { readForm } from '$lib/server/http/body';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** Upload (multipart: `kind`, `file`) → the preview; nothing is stored but the preview itself. */
export const POST: RequestHandler = async ({ locals, request }) => {
	const session = requireSection(locals, 'site');
	// A body that is not a form (or a broken multipart) is a translated 4xx, never a 500.
	const form = await readForm(request, locals.locale, ['file']);
	try {
		const file = form.get('file');
		if (!(file instanceof File)) throw new FoyerError('error.importFileType', {}, 400, 'file');
		const preview = await foyer().imports.preview(actingOf(session), {
			kind: String(form.get('kind') ?? ''),
			fileName: file.name,
			bytes: new Uint8Array(await file.arrayBuffer()),
			locale: locals.locale
		});
		return json(preview);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
