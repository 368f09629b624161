import { foyer } from '$lib/server/foyer';
import type { RequestHandler } from './$types';

/**
 * A payment provider's notification. The raw body is read as text: the signature covers the
 * exact bytes. What comes back is in the provider's own format (it retries until accepted).
 */
export const POST: RequestHandler = async ({ request, params }) => {
	const reply = await foyer().payments.notify(params.provider, {
		headers: Object.fromEntries(request.headers),
		body: await request.text()
	});
	if (!reply) return new Response('unknown provider', { status: 404 });
	// A 204 (WeChat's acknowledgement) must carry no body at all, not an empty one.
	return new Response(reply.status === 204 ? null : reply.body, {
		status: reply.status,
		headers: { 'content-type': reply.contentType }
	});
};
