import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { scrub } from './scrub';

export type { Logger } from 'pino';

/**
 * Field names whose values never reach a log line, at the top or one level down (pino's
 * redaction; `*.x` is one level). Secrets — passwords, tokens, cookies, keys, the database URL —
 * and a resident's personal data — names, phones, addresses, ID numbers — in case a caller
 * passes a whole object. Log lines name records by id instead.
 */
export const REDACTED_FIELDS = [
	'password',
	'passwordHash',
	'token',
	'deviceToken',
	'sessionHash',
	'cookie',
	'authorization',
	'secret',
	'apiKey',
	'apiV3Key',
	'privateKey',
	'key',
	'databaseUrl',
	'url',
	'name',
	'displayName',
	'phone',
	'phones',
	'address',
	'idNumber',
	'text',
	'qrPayload'
];
const PATHS = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`]).concat([
	'req.headers.cookie',
	'req.headers.authorization'
]);

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
	/** LOG_LEVEL: trace, debug, info (default), warn, error, fatal, silent. */
	level?: string | undefined;
	/** LOG_FORMAT: json (one object a line) or pretty (for a person at a terminal). */
	format?: string | undefined;
	/** Where lines go (stdout by default); tests pass a stream to read them back. */
	destination?: DestinationStream;
	/** Whether stdout is a terminal: without LOG_FORMAT, a terminal gets pretty lines. */
	tty?: boolean;
}

const LEVELS = new Set<string>(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/**
 * Foyer's one logger: pino, JSON lines on stdout with `time`, `level` (as a word), `msg` and
 * the fields of the line; secrets and personal fields redacted, and messages scrubbed of
 * database URLs' passwords and phone numbers (an error message may quote either).
 */
export function createLogger(o: LoggerOptions = {}): Logger {
	const level = o.level && LEVELS.has(o.level) ? o.level : 'info';
	const format: LogFormat =
		o.format === 'json' || o.format === 'pretty' ? o.format : o.tty ? 'pretty' : 'json';
	const destination =
		o.destination ??
		(format === 'pretty'
			? prettyStream(process.stdout)
			: // Synchronous: the last lines before process.exit (a failed start) must not be lost.
				pino.destination({ dest: 1, sync: true }));
	return pino(
		{
			level,
			base: { pid: process.pid },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: PATHS, censor: '[redacted]' },
			serializers: { err: errorFields },
			hooks: {
				logMethod(args, method) {
					// The message is the last string argument (pino's `(obj, msg)` or `(msg)`).
					const i = args.findLastIndex((a) => typeof a === 'string');
					if (i >= 0) args[i] = scrub(args[i] as string);
					method.apply(this, args as Parameters<typeof method>);
				}
			}
		},
		destination
	);
}

/**
 * What a log line says of an error: its type, code and scrubbed message, and the stack's first
 * frames for our own bugs. Not pino's serializer: it copies every own property, and a pg error
 * or a provider's response may carry a connection string or a payload.
 */
export function errorFields(e: unknown): Record<string, unknown> {
	if (!(e instanceof Error)) return { message: scrub(String(e)) };
	const code = (e as { code?: unknown }).code;
	return {
		type: e.name,
		message: scrub(e.message),
		...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
		...(e.stack ? { stack: scrub(e.stack.split('\n').slice(0, 6).join('\n')) } : {})
	};
}

/**
 * Turns JSON lines into `12:00:01 INFO  message key=value` for a person watching a terminal
 * (`npm start`). Written here rather than pino-pretty: a dozen lines instead of a dozen packages.
 */
export function prettyStream(out: NodeJS.WritableStream): DestinationStream {
	return new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split('\n')) {
				if (line) out.write(prettyLine(line) + '\n');
			}
			done();
		}
	});
}

/** One JSON log line, for people. */
export function prettyLine(line: string): string {
	let o: Record<string, unknown>;
	try {
		o = JSON.parse(line) as Record<string, unknown>;
	} catch {
		return line;
	}
	const { time, level, msg, pid: _pid, err, ...rest } = o;
	const clock = typeof time === 'string' ? time.slice(11, 19) : '';
	const fields = Object.entries(rest)
		.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
		.join(' ');
	const error =
		err && typeof err === 'object'
			? `\n  ${(err as { stack?: string; message?: string }).stack ?? (err as { message?: string }).message}`
			: '';
	return `${clock} ${String(level).toUpperCase().padEnd(5)} ${String(msg ?? '')}${fields ? ` ${fields}` : ''}${error}`;
}

/** A level name, for code that takes one from outside. */
export function isLevel(value: string): value is Level {
	return LEVELS.has(value) && value !== 'silent';
}
