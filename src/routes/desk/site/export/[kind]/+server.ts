import { Readable } from 'node:stream';
import { foyer } from '$lib/server/foyer';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** One export as a download: `?format=xlsx|csv&from=YYYY-MM-DD&to=YYYY-MM-DD`. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const session = requireSection(locals, 'home');
	try {
		const file = await foyer().exports.open(
			actingOf(session),
			{
				kind: params.kind,
				format: url.searchParams.get('format') ?? 'xlsx',
				from: url.searchParams.get('from'),
				to: url.searchParams.get('to')
			},
			locals.locale
		);
		return new Response(Readable.toWeb(file.body) as ReadableStream, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
