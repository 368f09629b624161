import { randomUUID } from 'node:crypto';
import type { Logger } from '../ops/logger';

/** A proxy's request id is kept when it looks like one; anything else is replaced. */
const SAFE_ID = /^[\w.:-]{8,80}$/;

/** The request's id: the proxy's `X-Request-Id`, or a new one. Sent back in the same header. */
export function requestIdOf(header: string | null): string {
	return header && SAFE_ID.test(header) ? header : randomUUID();
}

/** Probes come every few seconds: logged at debug, or they would drown everything else. */
const PROBES = new Set(['/healthz/live', '/healthz/ready', '/api/health', '/api/metrics']);

export interface RequestLine {
	method: string;
	/** SvelteKit's route id (`/w/[key]`), never the path: paths carry tokens and keys. */
	route: string | null;
	status: number;
	ms: number;
	requestId: string;
}

/** One line per HTTP request: method, route id, status, duration, request id (and the site: the site's logger names it). */
export function logRequest(logger: Logger, line: RequestLine): void {
	const fields = {
		kind: 'request',
		...line,
		route: line.route ?? '(no route)',
		ms: Math.round(line.ms * 10) / 10
	};
	const message = `${line.method} ${fields.route} ${line.status}`;
	if (line.status >= 500) logger.error(fields, message);
	else if (line.route && PROBES.has(line.route)) logger.debug(fields, message);
	else logger.info(fields, message);
}
