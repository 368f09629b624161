import type { ActiveSession } from '$lib/server/staff/sessions';
import type { ErrorKey, Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			/** The staff session of this request, when logged in. */
			session: ActiveSession | null;
			locale: Locale;
			/** This request's id in the logs (X-Request-Id). */
			requestId: string;
		}
		interface Error {
			message: string;
			/** The catalog key of `message`. */
			key?: ErrorKey;
		}
	}
}

export {};
