import { foyer } from '$lib/server/foyer';
import type { RequestHandler } from './$types';

/**
 * A payment provider's notification. The raw body is read as text: the signature covers the
 * exact bytes. What comes back is in the provider's own format (it retries until accepted).
 */
export const POST: RequestHandler = async ({ request, params }) => {
	const payments = foyer().payments;
	if (params.provider !== payments.provider.name)
		return new Response('unknown provider', { status: 404 });
	const reply = await payments.notify({
		headers: Object.fromEntries(request.headers),
		body: await request.text()
	});
	return new Response(reply.body, {
		status: reply.status,
		headers: { 'content-type': reply.contentType }
	});
};
