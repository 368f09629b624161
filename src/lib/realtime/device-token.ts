/**
 * A paired screen's token lives in the browser profile of that screen (the kiosk launchers
 * give Chromium a profile of its own), so it survives reboots.
 */
const KEY = 'foyer_device';

export function deviceToken(): string | null {
	try {
		return localStorage.getItem(KEY);
	} catch {
		return null;
	}
}

export function setDeviceToken(token: string | null): void {
	if (token) localStorage.setItem(KEY, token);
	else localStorage.removeItem(KEY);
}
