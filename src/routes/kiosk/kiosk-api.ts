import type { Locale } from '$lib/i18n';

/** Sent on `window` when the server no longer knows the visit's identification (it lapsed, or
 * the server restarted): the page then ends the visit rather than show its details. */
export const VISIT_EXPIRED_EVENT = 'foyer:visit-expired';

/** A kiosk API call: JSON in and out, the language in the query, errors as their message. */
export async function kioskPost<T>(
	path: string,
	locale: Locale,
	body: Record<string, unknown>
): Promise<{ ok: true; value: T } | { ok: false; message: string | null }> {
	try {
		const res = await fetch(`${path}?lang=${locale}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			keepalive: true
		});
		const json = (await res.json()) as T & { error?: { message: string; key?: string } };
		if (json.error?.key === 'error.visitExpired') {
			window.dispatchEvent(new Event(VISIT_EXPIRED_EVENT));
		}
		return res.ok ? { ok: true, value: json } : { ok: false, message: json.error?.message ?? null };
	} catch {
		return { ok: false, message: null };
	}
}
