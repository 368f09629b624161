import type { Locale } from '$lib/i18n';

/** One door-panel button, as POST /api/rooms/panel takes it. */
export type PanelRequest =
	| { action: 'bookNow'; minutes: number }
	| { action: 'extend'; bookingId: string; minutes: number }
	| { action: 'endEarly'; bookingId: string }
	| { action: 'start'; bookingId: string };

/** The answer: done, or the server's translated message and its key (null: no answer). */
export type PanelResult = { ok: true } | { ok: false; message: string | null; key: string | null };

/**
 * Sends a panel action for `roomId`. The paired panel of that room is recognised by its device
 * token; any other screen must add the conference staff's PIN. Messages come back in `locale`.
 */
export async function panelPost(options: {
	roomId: string;
	request: PanelRequest;
	locale: Locale;
	device: string | null;
	pin?: string;
}): Promise<PanelResult> {
	const { roomId, request, locale, device, pin } = options;
	try {
		const res = await fetch(`/api/rooms/panel?lang=${locale}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ roomId, ...request, device, pin })
		});
		if (res.ok) return { ok: true };
		const json = (await res.json()) as { error?: { message?: string; key?: string } };
		return { ok: false, message: json.error?.message ?? null, key: json.error?.key ?? null };
	} catch {
		return { ok: false, message: null, key: null };
	}
}
