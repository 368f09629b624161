import { json } from '@sveltejs/kit';
import { publicNotice } from '$lib/domain/notice';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** Notices showing now, as public screens see them. */
export const GET: RequestHandler = () =>
	json({ notices: foyer().notices.live().map(publicNotice) });

/** Publish a notice (staff with the notices section). Answers once it is durably stored. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const session = requireSection(locals, 'notices');
	try {
		const body = await jsonBody(request);
		const notice = await foyer().notices.publish(actingOf(session), body);
		return json({ notice }, { status: 201 });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
