/** `scheme://user:password@host` → the password replaced (DATABASE_URL, REDIS_URL, proxies). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi;
/** Mainland mobile numbers (11 digits from 1[3-9]), not part of a longer number. */
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
/** `token=…`, `key=…`, `password=…` in a query string or a message. */
const SECRET_PARAM = /\b(token|key|password|secret|sign|signature|code)=([^&\s"']+)/gi;

/**
 * Takes secrets and phone numbers out of free text bound for a log line: an error message from
 * the database driver may quote its connection string, and one from a parser the input it
 * choked on. Fields are redacted by name (logger.ts); this is for the text around them.
 */
export function scrub(text: string): string {
	return text
		.replace(URL_PASSWORD, '$1:[redacted]@')
		.replace(MOBILE, '$1****$2')
		.replace(SECRET_PARAM, '$1=[redacted]');
}
