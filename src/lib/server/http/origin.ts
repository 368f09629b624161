/**
 * Same-origin check for state-changing requests and staff sockets. Cookies are SameSite, but
 * an Origin check also covers JSON bodies and older browsers. A request without an Origin
 * header is refused too: every browser sends one on POST and on WebSocket handshakes.
 */
export function isAllowedOrigin(
	origin: string | null | undefined,
	request: { host: string | null | undefined; expected?: string | undefined }
): boolean {
	if (!origin) return false;
	if (request.expected) return origin === request.expected.replace(/\/$/, '');
	if (!request.host) return false;
	return origin === `http://${request.host}` || origin === `https://${request.host}`;
}

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}
