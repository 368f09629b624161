import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvCell, wallClock, type Column, type Table } from '$lib/domain/export';

/** Rows between two yields to the event loop while a long export is written. */
const BATCH = 2000;

const NUM_FMT: Partial<Record<Column['type'], string>> = {
	money: '0.00',
	decimal: '0.00',
	date: 'yyyy-mm-dd',
	datetime: 'yyyy-mm-dd hh:mm'
};

/**
 * Writes `table` as an .xlsx to a stream, row by row with exceljs's streaming WorkbookWriter
 * (each row is committed, so memory stays bounded however many rows there are). Money is a
 * number in yuan formatted 0.00; dates and date-times are real dates (the site's wall clock).
 */
export function xlsxStream(
	table: Table,
	headers: string[],
	sheet: string,
	timeZone: string
): Readable {
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out,
		useStyles: true,
		useSharedStrings: false
	});
	const ws = workbook.addWorksheet(sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = table.columns.map((c, i) => ({
		header: headers[i],
		key: String(i),
		width: c.width ?? (c.type === 'datetime' ? 17 : c.type === 'text' ? 16 : 12),
		style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {}
	}));
	ws.getRow(1).font = { bold: true };
	void (async () => {
		let n = 0;
		for (const row of table.rows) {
			ws.addRow(row.map((v, i) => xlsxValue(v, table.columns[i]!.type, timeZone))).commit();
			if (++n % BATCH === 0) await new Promise((r) => setImmediate(r));
		}
		ws.commit();
		await workbook.commit();
	})().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
	return out;
}

function xlsxValue(v: string | number | null, type: Column['type'], timeZone: string) {
	if (v === null || v === '') return null;
	switch (type) {
		case 'money':
		case 'decimal':
			return typeof v === 'number' ? Math.round(v) / 100 : v;
		case 'date':
			return typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v;
		case 'datetime':
			return typeof v === 'string' ? wallClock(v, timeZone) : v;
		default:
			return v;
	}
}

/** Writes `table` as CSV in UTF-8 with a BOM (so Excel opens Chinese correctly), CRLF lines. */
export function csvStream(table: Table, headers: string[], timeZone: string): Readable {
	const types = table.columns.map((c) => c.type);
	async function* lines(): AsyncGenerator<string> {
		yield '\uFEFF' + headers.map((h) => csvCell(h, 'text', timeZone)).join(',') + '\r\n';
		let chunk = '';
		let n = 0;
		for (const row of table.rows) {
			chunk += row.map((v, i) => csvCell(v, types[i]!, timeZone)).join(',') + '\r\n';
			if (++n % BATCH === 0) {
				yield chunk;
				chunk = '';
			}
		}
		if (chunk) yield chunk;
	}
	return Readable.from(lines());
}
