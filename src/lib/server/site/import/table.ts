import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { FoyerError } from '$lib/domain/errors';

/** A sheet as read from a file: its header cells and data rows, all as trimmed text. */
export interface Table {
	headers: string[];
	rows: TableRow[];
	/** How a CSV's text was decoded (a guess when GB18030: see decodeCsv); null for .xlsx. */
	encoding?: 'utf-8' | 'gb18030' | null;
}

export interface TableRow {
	/** The row number the person sees in Excel (the header is row 1). */
	row: number;
	cells: string[];
	/** Columns (0-based) whose cell holds a formula: refused per row, with the cell named. */
	formulas: number[];
}

/** Files over this are refused before anything is parsed. */
export const MAX_FILE_MB = 10;
/** Rows one import may hold (a large site's residents, with room to spare). */
export const MAX_ROWS = 20_000;
/** What an .xlsx may inflate to: a zip bomb is refused before it is inflated. */
const MAX_INFLATED = 200 * 1024 ** 2;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * Reads an uploaded .xlsx or .csv into a Table, or throws a FoyerError that says what is
 * wrong with the file as a whole (too large, an old .xls, not a workbook, merged cells, an
 * encoding that is neither UTF-8 nor GBK). The kind of file is told by its first bytes, not
 * its name: a renamed file is caught.
 */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
	if (bytes.byteLength > MAX_FILE_MB * 1024 ** 2) {
		throw new FoyerError('error.importTooLarge', { mb: MAX_FILE_MB }, 413);
	}
	if (startsWith(bytes, OLE2)) throw new FoyerError('error.importXls', {}, 400);
	const name = fileName.toLowerCase();
	if (startsWith(bytes, ZIP)) return limitRows(await readXlsx(bytes));
	if (name.endsWith('.xlsx') || name.endsWith('.xls')) {
		throw new FoyerError('error.importNotXlsx', {}, 400);
	}
	if (!name.endsWith('.csv') && !name.endsWith('.txt')) {
		throw new FoyerError('error.importFileType', {}, 400);
	}
	const { text, encoding } = decodeCsv(bytes);
	return { ...limitRows(parseCsv(text)), encoding };
}

function limitRows(t: Table): Table {
	const rows = t.rows.filter((r) => r.cells.some((c) => c !== ''));
	if (rows.length === 0) throw new FoyerError('error.importEmpty', {}, 400);
	if (rows.length > MAX_ROWS) throw new FoyerError('error.importTooManyRows', { max: MAX_ROWS });
	return { headers: t.headers, rows };
}

/**
 * CSV text: UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else GB18030 (a
 * superset of GBK, as Chinese Excel and WPS save "CSV"). UTF-16 and bytes that decode to
 * replacement characters either way are refused: guessing would import mojibake.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
		throw new FoyerError('error.importEncoding', {}, 400);
	}
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	const body = bom ? bytes.subarray(3) : bytes;
	let text: string;
	let encoding: 'utf-8' | 'gb18030' = 'utf-8';
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		text = iconv.decode(Buffer.from(body), 'gb18030');
		encoding = 'gb18030';
	}
	// eslint-disable-next-line no-control-regex -- NUL bytes mean a binary or UTF-16 file
	if (text.includes('\uFFFD') || /\u0000/.test(text)) {
		throw new FoyerError('error.importEncoding', {}, 400);
	}
	return { text, encoding };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); the first line is the header. */
export function parseCsv(text: string): Table {
	const records: string[][] = [];
	let field = '';
	let record: string[] = [];
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === ',') {
			record.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			record.push(field);
			records.push(record);
			record = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || record.length > 0) {
		record.push(field);
		records.push(record);
	}
	const [headers = [], ...rows] = records;
	return {
		headers: headers.map((h) => h.trim()),
		rows: rows.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()), formulas: [] }))
	};
}

/** Sizes the zip's entries say they inflate to; a bomb says more than MAX_INFLATED. */
async function checkInflatedSize(bytes: Uint8Array): Promise<void> {
	let zip: JSZip;
	try {
		zip = await JSZip.loadAsync(bytes);
	} catch {
		throw new FoyerError('error.importNotXlsx', {}, 400);
	}
	let total = 0;
	zip.forEach((_path, file) => {
		// JSZip keeps the central directory's sizes on each entry without inflating it; the
		// field is not in its typings.
		const data = (file as unknown as { _data?: { uncompressedSize?: number } })._data;
		total += data?.uncompressedSize ?? 0;
	});
	if (total > MAX_INFLATED || !zip.file('xl/workbook.xml')) {
		throw new FoyerError('error.importNotXlsx', {}, 400);
	}
}

/** A cell's value as text: dates as YYYY-MM-DD, rich text joined, numbers as written. */
function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((r) => r.text).join('');
		if ('text' in value) return String(value.text);
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('error' in value) return '';
		return '';
	}
	return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
	await checkInflatedSize(bytes);
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	} catch {
		throw new FoyerError('error.importNotXlsx', {}, 400);
	}
	const ws = wb.worksheets[0];
	if (!ws) throw new FoyerError('error.importEmpty', {}, 400);
	if (ws.hasMerges) {
		const range = ws.model.merges[0] ?? '';
		throw new FoyerError('error.importMerged', { range }, 400);
	}
	const width = ws.columnCount;
	const read = (r: number) => {
		const row = ws.getRow(r);
		const cells: string[] = [];
		const formulas: number[] = [];
		for (let c = 1; c <= width; c++) {
			const cell = row.getCell(c);
			if (cell.type === ExcelJS.ValueType.Formula) formulas.push(c - 1);
			cells.push(cellText(cell.value).trim());
		}
		return { row: r, cells, formulas };
	};
	const rows: TableRow[] = [];
	for (let r = 2; r <= ws.rowCount; r++) rows.push(read(r));
	return { headers: read(1).cells, rows };
}

/** "A".."Z", "AA".. for column index 0, 1, … (to name a cell as Excel does). */
export function columnLetter(index: number): string {
	let s = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	}
	return s;
}
