import { z } from 'zod';
import { printDocumentSchema, type PrintDocument } from './document';
import { parseTarget } from './transport';

/**
 * Print jobs and printers as stored. Jobs live in the day-partitioned collection `printjobs`;
 * printers in the small document `printers`.
 */

export const PRINT_JOB_STATUSES = ['queued', 'printing', 'printed', 'failed', 'cancelled'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

/** Why the last attempt failed, ready for staff: `key` is an i18n key, `values` its values. */
export const printJobErrorSchema = z.object({
	code: z.string(),
	key: z.string(),
	values: z.record(z.string(), z.union([z.string(), z.number()])),
	/** The system's own message, for logs. */
	detail: z.string(),
	at: z.string()
});
export type PrintJobError = z.infer<typeof printJobErrorSchema>;

/** What a job prints: receipt, ticket, test, void, report… (a short lowercase word). */
export const printKindSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'error.invalid');

export const printJobSchema = z.object({
	id: z.string(),
	at: z.string(),
	/** Print order: jobs of one printer go out by seq. */
	seq: z.number().int().nonnegative(),
	printerId: z.string(),
	kind: printKindSchema,
	document: printDocumentSchema,
	/**
	 * queued: waiting, or waiting to be retried (lastError, nextAttemptAt); printing: being sent;
	 * printed: the printer took it; failed: given up (expired, or it cannot be laid out), staff
	 * may retry; cancelled by staff.
	 */
	status: z.enum(PRINT_JOB_STATUSES),
	attempts: z.number().int().nonnegative(),
	lastError: printJobErrorSchema.nullable(),
	nextAttemptAt: z.string().nullable(),
	printedAt: z.string().nullable(),
	/** The job this one reprints (the original, never a reprint of it); null for an original. */
	reprintOf: z.string().nullable(),
	/**
	 * An earlier attempt may have printed it (the bytes, or part of them, may have reached the
	 * printer before the connection broke or the server died). The next copy carries the
	 * queue's "resent" mark so a second paper copy is recognisable.
	 */
	maybePrinted: z.boolean(),
	/** After this instant the job is not printed any more (a queue ticket nobody waits for). */
	expiresAt: z.string().nullable(),
	/** Username of the staff member who queued it; null for the system (kiosk, payments). */
	by: z.string().nullable()
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const printerConfigSchema = z.object({
	id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'error.printerId'),
	name: z.string().trim().min(1, 'error.printerName').max(40, 'error.printerName'),
	/** `tcp://host:port`, an absolute device path (/dev/usb/lp0) or `virtual`. */
	target: z
		.string()
		.trim()
		.refine((t) => t === 'virtual' || parseTarget(t) !== null, 'error.printerTarget'),
	paper: z.union([z.literal(58), z.literal(80)], { error: 'error.printerPaper' }),
	/** Columns of Font A when the head is not the usual 384/576 dots (e.g. 42). */
	columns: z.number().int().min(24).max(64).optional(),
	location: z.string().trim().max(40).optional(),
	/** See SendOptions.ack; 'close' unless the printer never closes the connection. */
	ack: z.enum(['close', 'sent']).optional()
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export const printersDocSchema = z.object({ printers: z.array(printerConfigSchema) });
export type PrintersDoc = z.infer<typeof printersDocSchema>;

/** A printer as the desk and /api/health see it. */
export interface PrinterStatus {
	id: string;
	name: string;
	location: string | null;
	paper: 58 | 80;
	target: string;
	/** unknown until it was tried; online after a job went through; offline when it cannot be
	 * reached; error when it was reached but did not take a job. */
	state: 'unknown' | 'online' | 'offline' | 'error';
	/** Jobs waiting (including the one being sent). */
	queued: number;
	printing: boolean;
	lastError: PrintJobError | null;
	lastPrintedAt: string | null;
	nextAttemptAt: string | null;
	/** Since when it has been offline or in error (null while it is not). */
	downSince: string | null;
}

/** What changed, for realtime pushes. */
export type PrintChange =
	{ type: 'job'; job: PrintJob } | { type: 'printer'; printer: PrinterStatus };

/** A job to print, as a service hands it over. */
export interface EnqueueInput {
	printerId: string;
	kind: string;
	document: PrintDocument;
	/** The original job when this is a reprint (a reprint is always explicit). */
	reprintOf?: string | null;
	/** Not printed after this instant (ISO), e.g. a queue ticket nobody waits for any more. */
	expiresAt?: string | null;
}
