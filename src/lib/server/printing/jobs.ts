import type { PrintDocument } from './document';
import type { PrintJobError } from './schema';
import { PrintError } from './transport';

/** Reasons a job stops that are not the transport's: each has an i18n key `error.printJob.<code>`. */
export type JobErrorCode = 'interrupted' | 'expired' | 'layout';

/** The stored, translatable form of why a job did not print (yet). */
export function jobError(cause: PrintError | JobErrorCode, at: Date, detail = ''): PrintJobError {
	if (cause instanceof PrintError) {
		return {
			code: cause.code,
			key: cause.key,
			values: { target: cause.target },
			detail: cause.detail || cause.message,
			at: at.toISOString()
		};
	}
	return { code: cause, key: `error.printJob.${cause}`, values: {}, detail, at: at.toISOString() };
}

/** The document with a bold banner on top ("重打", "RESENT"), so a second copy says what it is. */
export function withBanner(doc: PrintDocument, banner: string): PrintDocument {
	return {
		blocks: [
			{ type: 'text', text: banner, align: 'center', bold: true, size: 2 },
			{ type: 'divider', char: '=' },
			...doc.blocks
		]
	};
}
