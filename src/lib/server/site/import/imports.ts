import { FoyerError } from '$lib/domain/errors';
import type { Acting } from '$lib/domain/permissions';
import { dayKey, type Clock } from '$lib/domain/time';
import { translate, type Locale } from '$lib/i18n';
import type { FeesService } from '../../fees/ledger';
import { authorize } from '../../staff/acting';
import type { SiteService } from '../site';
import { IMPORT_KINDS, COLUMNS, type ImportKind } from './kinds';
import { planImport, type Plan } from './plan';
import { readTable, type Table } from './table';
import { errorWorkbook, templateWorkbook } from './workbook';
import { ImportPreviews, type PendingImport } from './previews';
import type { FoyerStore } from '../../store/contract';

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

interface SiteImportsDeps {
	site: SiteService;
	fees: FeesService;
	clock: Clock;
}

/**
 * Imports of site records: upload → preview (kept in the store under an unguessable token, so
 * the confirmation applies what was checked, not a body posted again, on whichever process it
 * reaches) → confirm, applied all at once. Units, residents and fee standards change the site
 * in one durable write; opening balances are issued as bills, keyed so that a repeated import
 * issues nothing.
 */
export class SiteImports {
	private constructor(
		private readonly deps: SiteImportsDeps,
		private readonly previews: ImportPreviews
	) {}

	static async open(store: FoyerStore, deps: SiteImportsDeps): Promise<SiteImports> {
		return new SiteImports(deps, await ImportPreviews.open(store, deps.clock));
	}

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
		const errors = [...plan.errors].sort((a, b) => a.row - b.row);
		const token = await this.previews.keep({
			kind,
			staffId: who.id,
			fileName: input.fileName,
			table,
			errors
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

	#own(who: Acting, p: PendingImport | null): PendingImport {
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
		// Checked and removed under the previews' lock: two confirmations (a double click, two
		// processes) apply it once; one refused for its errors leaves the preview as it was.
		const { p, plan } = await this.previews.take(token, (found) => {
			const p = this.#own(who, found);
			const plan = this.#plan(p.kind, p.table, locale);
			if (plan.errors.length > 0) throw new FoyerError('error.importHasErrors', {}, 409);
			return { p, plan };
		});
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
		const p = this.#own(who, await this.previews.get(token));
		return errorWorkbook(p.table, p.errors, locale);
	}

	/** The template of a kind, in the staff's language. */
	async template(who: Acting, kind: string, locale: Locale): Promise<Buffer> {
		authorize(who, 'site.import');
		const k = IMPORT_KINDS.find((x) => x === kind);
		if (!k) throw new FoyerError('error.importKind', {}, 404);
		return templateWorkbook(k, locale);
	}
}
