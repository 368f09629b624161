import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '$lib/domain/time';
import type { Doc, FoyerStore, SectionLock } from '../../store/contract';
import { IMPORT_KINDS, type ImportKind } from './kinds';
import type { RowError } from './plan';
import type { Table } from './table';

/** How long a preview waits for its confirmation. */
export const PREVIEW_MS = 30 * 60_000;

/** A checked upload waiting for its confirmation: the rows as read, and who may confirm them. */
export interface PendingImport {
	kind: ImportKind;
	staffId: string;
	fileName: string;
	table: Table;
	errors: RowError[];
	expires: number;
}

const pendingSchema = z.object({
	kind: z.enum(IMPORT_KINDS),
	staffId: z.string(),
	fileName: z.string(),
	table: z.object({
		headers: z.array(z.string()),
		rows: z.array(
			z.object({ row: z.number(), cells: z.array(z.string()), formulas: z.array(z.number()) })
		),
		encoding: z.enum(['utf-8', 'gb18030']).nullable().optional()
	}),
	errors: z.array(
		z.object({
			row: z.number(),
			field: z.string(),
			key: z.string(),
			values: z.record(z.string(), z.union([z.string(), z.number()]))
		})
	),
	expires: z.number()
});
const previewsSchema = z.object({ previews: z.record(z.string(), pendingSchema) });
type Previews = { previews: Record<string, PendingImport> };

/**
 * Import previews waiting for confirmation, in the `imports` document under unguessable
 * tokens, so that the confirmation may reach any server process of a deployment (and survives
 * a restart). A preview holds what residents' rows say only until it is confirmed or its half
 * hour ends: every new preview removes the expired ones.
 */
export class ImportPreviews {
	private constructor(
		private readonly doc: Doc<Previews>,
		private readonly lock: SectionLock,
		private readonly clock: Clock
	) {}

	static async open(store: FoyerStore, clock: Clock): Promise<ImportPreviews> {
		const doc = await store.doc<Previews>('imports', {
			defaults: { previews: {} },
			// Row errors were made by this code's plan: their keys are its error keys.
			parse: (d) => previewsSchema.parse(d) as Previews
		});
		return new ImportPreviews(doc, store.lock('imports'), clock);
	}

	/** Keeps a preview for PREVIEW_MS; answers its token. */
	async keep(preview: Omit<PendingImport, 'expires'>): Promise<string> {
		const token = randomBytes(18).toString('base64url');
		const now = this.clock.now().getTime();
		await this.doc.update((d) => {
			for (const [t, p] of Object.entries(d.previews)) if (p.expires <= now) delete d.previews[t];
			d.previews[token] = { ...preview, expires: now + PREVIEW_MS };
		});
		return token;
	}

	/** The preview behind a token, or null when unknown, confirmed or expired. */
	async get(token: string): Promise<PendingImport | null> {
		// Made a moment ago through another server process: it may not be here yet.
		if (!Object.hasOwn(this.doc.data.previews, token)) await this.doc.refresh();
		const p = Object.hasOwn(this.doc.data.previews, token) ? this.doc.data.previews[token] : null;
		return p && p.expires > this.clock.now().getTime() ? p : null;
	}

	/**
	 * Confirms a preview once, whichever process the confirmation reaches: `check` runs on it
	 * (or on null) one confirmation at a time and throws to refuse, leaving the preview; what
	 * it answers is returned once the preview is removed.
	 */
	take<T>(token: string, check: (p: PendingImport | null) => T): Promise<T> {
		return this.lock.run(async () => {
			const value = check(await this.get(token));
			await this.doc.update((d) => void delete d.previews[token]);
			return value;
		});
	}
}
