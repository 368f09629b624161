import { FoyerError } from '$lib/domain/errors';
import { isLocale, LOCALE_COOKIE, DEFAULT_LOCALE } from '$lib/i18n';
import type { DeskAnswer } from '$lib/realtime/events';
import { readCookie } from '../http/origin';
import { problem } from '../http/problem';
import type { NoticeService } from '../notices/notices';
import type { ActiveSession } from '../staff/sessions';
import type { DeskSocket } from './namespaces';

/**
 * Writes a desk page sends over its socket instead of a form post: the socket is already
 * authenticated (session cookie, Origin), so a change skips the HTTP round trip. The service
 * checks permission and validates exactly as for the form; the answer is the ack.
 */
export function wireDeskRequests(
	socket: DeskSocket,
	deps: {
		notices: NoticeService;
		session: ActiveSession;
		log?: ((message: string, error: unknown) => void) | undefined;
	}
): void {
	const requested = readCookie(socket.handshake.headers.cookie, LOCALE_COOKIE);
	const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
	const { id, username, displayName, roles } = deps.session.staff;
	const who = { id, username, displayName, roles };

	/** Runs a request and acks what it made, or the translated problem; a bug is logged. */
	function answer<T extends object>(ack: unknown, run: () => Promise<T>): void {
		if (typeof ack !== 'function') return;
		const reply = ack as (a: DeskAnswer<T>) => void;
		run().then(
			(made) => reply({ ok: true, ...made }),
			(e: unknown) => {
				try {
					reply({ ok: false, problem: problem(e, locale).problem });
				} catch (bug) {
					(deps.log ?? console.error)('A desk request failed', bug);
					reply({
						ok: false,
						problem: problem(new FoyerError('error.server', {}, 500), locale).problem
					});
				}
			}
		);
	}

	socket.on('notice:publish', (input, ack) =>
		answer(ack, async () => ({ notice: await deps.notices.publish(who, input) }))
	);
}
