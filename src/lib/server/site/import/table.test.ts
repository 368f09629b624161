import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { columnLetter, decodeCsv, parseCsv, readTable } from './table';

describe('reading an uploaded table', () => {
	it('decodes UTF-8 with or without BOM, and GBK as Chinese Excel saves it', () => {
		const text = '房号,姓名\r\n1-1-101,王芳\r\n';
		expect(decodeCsv(Buffer.from(text)).text).toBe(text);
		expect(decodeCsv(Buffer.from('\uFEFF' + text)).text).toBe(text);
		expect(decodeCsv(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
	});

	it('parses quoted CSV fields with commas, quotes and line breaks', () => {
		const t = parseCsv('a,b\n"x, y","say ""hi""\nthere"\n');
		expect(t.headers).toEqual(['a', 'b']);
		expect(t.rows[0]!.cells).toEqual(['x, y', 'say "hi"\nthere']);
	});

	it('tells an old .xls by its signature and a renamed file by its bytes', async () => {
		const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]);
		await expect(readTable(ole2, 'a.xlsx')).rejects.toMatchObject({ key: 'error.importXls' });
		await expect(readTable(Buffer.from('hello'), 'a.xlsx')).rejects.toMatchObject({
			key: 'error.importNotXlsx'
		});
		await expect(readTable(Buffer.alloc(11 * 1024 ** 2), 'a.csv')).rejects.toMatchObject({
			key: 'error.importTooLarge'
		});
	});

	it('names columns as Excel does', () => {
		expect([0, 25, 26, 27].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
	});
});
