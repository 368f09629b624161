/** The media type of an .xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A workbook as a download named `name` (UTF-8 names, e.g. 住户导入模板.xlsx, by RFC 6266's
 * filename*), kept in no cache: it may hold residents' phones.
 */
export function xlsxDownload(bytes: Buffer, name: string): Response {
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': XLSX_TYPE,
			'Content-Length': String(bytes.length),
			'Content-Disposition': `attachment; filename="import.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
}
