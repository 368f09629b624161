import ExcelJS from 'exceljs';
import { translate, type Locale } from '$lib/i18n';
import { COLUMNS, type ImportKind } from './kinds';
import type { Table } from './table';
import type { RowError } from './plan';

/** A header as the template writes it: required columns end in `*`. */
const header = (locale: Locale, c: (typeof COLUMNS)[ImportKind][number]) =>
	translate(locale, c.header) + (c.required ? '*' : '');

function bold(row: ExcelJS.Row): void {
	row.font = { bold: true };
}

/**
 * The template of a kind in the staff's language: an empty first sheet with the headers (the
 * one that is imported), and a second with each column's note and example rows.
 */
export async function templateWorkbook(kind: ImportKind, locale: Locale): Promise<Buffer> {
	const t = (k: Parameters<typeof translate>[1]) => translate(locale, k);
	const wb = new ExcelJS.Workbook();
	const data = wb.addWorksheet(t(`import.kind.${kind}`));
	const cols = COLUMNS[kind];
	bold(data.addRow(cols.map((c) => header(locale, c))));
	data.columns.forEach((c) => (c.width = 16));
	// Everything typed stays text: a room 0101 or a phone must not become a number.
	cols.forEach((_, i) => (data.getColumn(i + 1).numFmt = '@'));
	const notes = wb.addWorksheet(t('import.notes'));
	bold(notes.addRow([t('import.column'), t('import.notes')]));
	for (const c of cols) notes.addRow([header(locale, c), t(c.note)]);
	notes.addRow([]);
	bold(notes.addRow([t('import.example')]));
	bold(notes.addRow(cols.map((c) => header(locale, c))));
	notes.addRow(cols.map((c) => (locale === 'en' ? c.example.en : c.example.zh)));
	notes.columns.forEach((c) => (c.width = 24));
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The rows in error as a workbook to fix and upload again: the file's own columns as they
 * were, plus a last column saying what is wrong (its header is not an import column, so it
 * is dropped on upload — see the reason column's handling in plan.ts).
 */
export async function errorWorkbook(
	table: Table,
	errors: readonly RowError[],
	locale: Locale
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(translate(locale, 'import.errorsTitle').slice(0, 30));
	const reasonHeader = translate(locale, 'import.reasonColumn');
	bold(ws.addRow([...table.headers, reasonHeader]));
	const byRow = new Map<number, string[]>();
	for (const e of errors) {
		const list = byRow.get(e.row) ?? [];
		list.push(translate(locale, e.key, e.values));
		byRow.set(e.row, list);
	}
	for (const r of table.rows) {
		const reasons = byRow.get(r.row);
		if (reasons) ws.addRow([...r.cells, reasons.join('; ')]);
	}
	ws.columns.forEach((c) => (c.width = 16));
	table.headers.forEach((_, i) => (ws.getColumn(i + 1).numFmt = '@'));
	return Buffer.from(await wb.xlsx.writeBuffer());
}
