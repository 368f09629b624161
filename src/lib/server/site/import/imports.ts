import { randomBytes } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import type { Acting } from '$lib/domain/permissions';
import { dayKey, type Clock } from '$lib/domain/time';
import { translate, type Locale } from '$lib/i18n';
import type { FeesService } from '../../fees/ledger';
import { authorize } from '../../staff/acting';
import type { SiteService } from '../site';
import { IMPORT_KINDS, COLUMNS, type ImportKind } from './kinds';
import { planImport, type Plan, type RowError } from './plan';
import { readTable, type Table } from './table';
import { errorWorkbook, templateWorkbook } from './workbook';

/** How long a preview waits for its confirmation. */
const PREVIEW_MS = 30 * 60_000;
/** Row errors a preview lists on the page (the error workbook has them all). */
const SHOWN_ERRORS = 200;

/** A preview as the desk shows it: counts and the first row errors, translated. */
export interface ImportPreview {
	token: string;
	kind: ImportKind;
	fileName: string;
	rows: number;
	add: number;
	update: number;
	unchanged: number;
	errorCount: number;
	errors: { row: number; column: string; message: string }[];
}

/** What a confirmed import did. */
export interface ImportResult {
	importId: string;
	add: number;
	update: number;
	unchanged: number;
}

interface Pending {
	kind: ImportKind;
	staffId: string;
	fileName: string;
	table: Table;
	errors: RowError[];
	expires: number;
}

/**
 * Imports of site records: upload → preview (kept here under an unguessable token, so the
 * confirmation applies what was checked, not a body posted again) → confirm, applied all at
 * once. Units, residents and fee standards change the site in one durable write; opening
 * balances are issued as bills, keyed so that a repeated import issues nothing.
 */
export class SiteImports {
	readonly #pending = new Map<string, Pending>();

	constructor(private readonly deps: { site: SiteService; fees: FeesService; clock: Clock }) {}

	#plan(kind: ImportKind, table: Table, locale: Locale): Plan {
		const site = this.deps.site.site;
		return planImport(kind, table, {
			site,
			openingBill: (b) => this.deps.fees.opening.existing(b),
			today: dayKey(this.deps.clock.now(), site.timeZone),
			locale,
			defaultItem: translate('zh-CN', 'import.openingItem')
		});
	}

	/** Reads and checks a file; nothing is stored. Throws for a file that cannot be read at all. */
	async preview(
		who: Acting,
		input: { kind: string; fileName: string; bytes: Uint8Array; locale: Locale }
	): Promise<ImportPreview> {
		authorize(who, 'site.import');
		const kind = IMPORT_KINDS.find((k) => k === input.kind);
		if (!kind) throw new FoyerError('error.importKind', {}, 400, 'kind');
		const table = await readTable(input.bytes, input.fileName);
		const plan = this.#plan(kind, table, input.locale);
		this.#sweep();
		const token = randomBytes(18).toString('base64url');
		const errors = [...plan.errors].sort((a, b) => a.row - b.row);
		this.#pending.set(token, {
			kind,
			staffId: who.id,
			fileName: input.fileName,
			table,
			errors,
			expires: this.deps.clock.now().getTime() + PREVIEW_MS
		});
		const header = (field: string) => {
			const c = COLUMNS[kind].find((x) => x.field === field);
			return c ? translate(input.locale, c.header) : field;
		};
		return {
			token,
			kind,
			fileName: input.fileName,
			rows: plan.rows,
			add: plan.add,
			update: plan.update,
			unchanged: plan.unchanged,
			errorCount: new Set(errors.map((e) => e.row)).size,
			errors: errors.slice(0, SHOWN_ERRORS).map((e) => ({
				row: e.row,
				column: header(e.field),
				message: translate(input.locale, e.key, e.values)
			}))
		};
	}

	#take(who: Acting, token: string): Pending {
		this.#sweep();
		const p = this.#pending.get(token);
		if (!p || p.staffId !== who.id) throw new FoyerError('error.importExpired', {}, 404);
		return p;
	}

	/**
	 * Applies a previewed import. It is planned again against the records as they are now (an
	 * edit may have come in between) and refused if any row is in error; then applied at once
	 * and audited as one import.
	 */
	async confirm(who: Acting, token: string, locale: Locale): Promise<ImportResult> {
		const actor = authorize(who, 'site.import');
		const p = this.#take(who, token);
		const plan = this.#plan(p.kind, p.table, locale);
		if (plan.errors.length > 0) throw new FoyerError('error.importHasErrors', {}, 409);
		this.#pending.delete(token);
		const importId = `${dayKey(this.deps.clock.now(), this.deps.site.site.timeZone)}-${token.slice(0, 8)}`;
		const detail = {
			kind: p.kind,
			fileName: p.fileName,
			rows: plan.rows,
			add: plan.add,
			update: plan.update,
			unchanged: plan.unchanged
		};
		if (p.kind === 'balances') {
			await this.deps.fees.opening.issue(actor, importId, plan.balances);
		} else if (plan.add + plan.update > 0) {
			await this.deps.site.change(
				actor,
				{ action: 'site.imported', target: importId, detail },
				plan.change
			);
		}
		return { importId, add: plan.add, update: plan.update, unchanged: plan.unchanged };
	}

	/** The rows in error of a preview, as a workbook to fix and upload again. */
	async errorRows(who: Acting, token: string, locale: Locale): Promise<Buffer> {
		authorize(who, 'site.import');
		const p = this.#take(who, token);
		return errorWorkbook(p.table, p.errors, locale);
	}

	/** The template of a kind, in the staff's language. */
	async template(who: Acting, kind: string, locale: Locale): Promise<Buffer> {
		authorize(who, 'site.import');
		const k = IMPORT_KINDS.find((x) => x === kind);
		if (!k) throw new FoyerError('error.importKind', {}, 404);
		return templateWorkbook(k, locale);
	}

	#sweep(): void {
		const now = this.deps.clock.now().getTime();
		for (const [t, p] of this.#pending) if (p.expires < now) this.#pending.delete(t);
	}
}
