import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import { jsonBody } from '$lib/server/http/kiosk';
import { jsonProblem } from '$lib/server/http/respond';
import { view } from '$lib/server/staff/staff';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/staff/sessions';
import type { RequestHandler } from './$types';

/** Log in from a program: `{ username, password }` → the session cookie. */
export const POST: RequestHandler = async ({ request, cookies, getClientAddress, locals, url }) => {
	try {
		const body = await jsonBody(request);
		const { token, staff } = await foyer().auth.login(body, getClientAddress());
		setSessionCookie(cookies, token, url);
		return json({ staff: view(staff) });
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};

/** Log out: ends the session and disconnects its sockets. */
export const DELETE: RequestHandler = async ({ cookies }) => {
	const token = cookies.get(SESSION_COOKIE);
	if (token) await foyer().auth.logout(token);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return new Response(null, { status: 204 });
};
