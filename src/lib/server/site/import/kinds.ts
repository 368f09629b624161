import { translate, type MessageKey } from '$lib/i18n';
import { RESIDENT_KINDS, UNIT_STATES, UNIT_USES } from '$lib/domain/site';

/** What can be imported. */
export const IMPORT_KINDS = ['units', 'residents', 'feeStandards', 'balances', 'readings'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One column of an import file: its field, header (either language) and note. */
export interface Column {
	field: string;
	header: MessageKey;
	required: boolean;
	note: MessageKey;
	/** An example value per language (template rows). */
	example: { zh: string; en: string };
}

const col = (
	field: string,
	required: boolean,
	note: MessageKey,
	example: string | { zh: string; en: string }
): Column => ({
	field,
	header: `import.col.${field}` as MessageKey,
	required,
	note,
	example: typeof example === 'string' ? { zh: example, en: example } : example
});

/** The columns of each kind, in template order. */
export const COLUMNS: Record<ImportKind, Column[]> = {
	units: [
		col('building', true, 'import.note.building', '1'),
		col('entrance', true, 'import.note.unitKey', '1'),
		col('room', true, 'import.note.unitKey', '101'),
		col('area', true, 'import.note.area', '89.50'),
		col('use', false, 'import.note.use', { zh: '住宅', en: 'Residential' }),
		col('state', false, 'import.note.state', { zh: '已入住', en: 'Occupied' })
	],
	residents: [
		col('unit', true, 'import.note.unit', '1-1-101'),
		col('name', true, 'import.note.optional', { zh: '张伟', en: 'Zhang Wei' }),
		col('phones', true, 'import.note.phones', '13800138000'),
		col('kind', false, 'import.note.kind', { zh: '业主', en: 'Owner' }),
		col('moveIn', false, 'import.note.date', '2024-03-01'),
		col('moveOut', false, 'import.note.date', '')
	],
	feeStandards: [
		col('standard', true, 'import.note.optional', { zh: '物业服务费', en: 'Property fee' }),
		col('nameEn', false, 'import.note.optional', 'Property fee'),
		col('feeKind', true, 'import.note.feeKind', { zh: '按面积', en: 'Per m²' }),
		col('price', true, 'import.note.price', '2.50'),
		col('buildings', false, 'import.note.list', ''),
		col('uses', false, 'import.note.list', { zh: '住宅', en: 'Residential' }),
		col('validFrom', false, 'import.note.date', '2026-01-01'),
		col('validTo', false, 'import.note.date', '')
	],
	balances: [
		col('unit', true, 'import.note.unit', '1-1-101'),
		col('period', true, 'import.note.period', '2026-10'),
		col('item', false, 'import.note.item', { zh: '物业服务费', en: 'Property fee' }),
		col('amount', true, 'import.note.amount', '223.75')
	],
	readings: [
		col('unit', true, 'import.note.unit', '1-1-101'),
		col('meter', true, 'import.note.meter', { zh: '水费', en: 'Water' }),
		col('period', true, 'import.note.period', '2026-10'),
		col('reading', true, 'import.note.reading', '12.5')
	]
};

/** Header text as people write it: no spaces, no required mark, case-insensitive. */
export const normalizeHeader = (h: string): string => h.replace(/[\s*＊()（）]/g, '').toLowerCase();

/**
 * Word → stored value for a choice column, in either language or as stored ("住宅",
 * "Residential", "residential"), so a file typed by Chinese or English staff both read.
 */
function choices<T extends string>(values: readonly T[], key: (v: T) => MessageKey) {
	const map = new Map<string, T>();
	for (const v of values) {
		map.set(v.toLowerCase(), v);
		for (const locale of ['zh-CN', 'en'] as const) {
			map.set(normalizeHeader(translate(locale, key(v))), v);
		}
	}
	return (text: string): string => (text ? (map.get(normalizeHeader(text)) ?? text) : '');
}

export const useOf = choices(UNIT_USES, (u) => `site.use.${u}`);
export const stateOf = choices(UNIT_STATES, (s) => `site.state.${s}`);
export const residentKindOf = choices(RESIDENT_KINDS, (k) => `site.kind.${k}`);
/** Fee kinds also answer to the short words of the template notes (按面积, Per m² …). */
export const feeKindOf = (() => {
	const long = choices(['perArea', 'fixed', 'metered'] as const, (k) => `site.feeKind.${k}`);
	const short: Record<string, string> = {
		按面积: 'perArea',
		perm2: 'perArea',
		'perm²': 'perArea',
		固定: 'fixed',
		按用量: 'metered'
	};
	return (text: string) => short[normalizeHeader(text)] ?? long(text);
})();
