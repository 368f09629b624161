import { existsSync } from 'node:fs';

/**
 * A file on disk that cannot be read or does not match its schema. Start-up stops on it rather
 * than run on a guess: the message names the file (and the line, for a log) and says what to do.
 */
export class StoreFileError extends Error {
	constructor(
		readonly file: string,
		readonly reason: string,
		/** What the person fixing it should do; by default, point at the last good copy if there is one. */
		hint: string = copyHint(file)
	) {
		super(`Foyer cannot read ${file}: ${reason}. Nothing was changed. ${hint}`);
		this.name = 'StoreFileError';
	}
}

function copyHint(file: string): string {
	const prev = file.endsWith('.prev') ? null : `${file}.prev`;
	return prev && existsSync(prev)
		? `The last good copy is ${prev}; inspect both, then move the good one into place.`
		: `There is no earlier copy of it; restore it from a backup.`;
}

/** True for "no such file or directory". */
export function isNotFound(e: unknown): boolean {
	return (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** An error's message, for a one-line reason. */
export function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
