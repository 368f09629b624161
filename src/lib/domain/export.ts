import type { MessageKey } from '$lib/i18n';

/**
 * Exports: what a table is, independent of the file it ends up in (xlsx or csv). Pure.
 * Cells carry Foyer's own units: money in integer fen, days as YYYY-MM-DD, instants as ISO
 * strings; the writers turn them into yuan with two decimals and real dates.
 */

/** What the desk can export. */
export const EXPORT_KINDS = [
	'residents',
	'bills',
	'arrears',
	'ledger',
	'closes',
	'workorders',
	'ratings',
	'bookings',
	'tickets'
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Kinds that name residents or what a unit owes: admins and managers only (data.exportPersonal). */
export const PERSONAL_EXPORTS: readonly ExportKind[] = ['residents', 'bills', 'arrears'];

/** Kinds cut to a date range (the others are the state now). */
export const RANGED_EXPORTS: readonly ExportKind[] = [
	'ledger',
	'closes',
	'workorders',
	'ratings',
	'bookings',
	'tickets'
];

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * text; money: integer fen → yuan, 0.00; number: as is; decimal: hundredths → 0.00 (m², readings);
 * date: YYYY-MM-DD; datetime: an ISO instant, shown in the site's time zone.
 */
export type CellType = 'text' | 'money' | 'number' | 'decimal' | 'date' | 'datetime';
export type Cell = string | number | null;

export interface Column {
	header: MessageKey;
	type: CellType;
	/** Width in characters (xlsx). */
	width?: number;
}

/** One exported table: headers to translate, then rows of cells in Foyer's units. */
export interface Table {
	kind: ExportKind;
	columns: Column[];
	rows: Iterable<Cell[]>;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the site's wall clock, as a Date whose UTC fields read that local time: what a
 * spreadsheet (which has no time zones) should show. One formatter per zone: making one per
 * cell made a 100,000-row export 40× slower.
 */
export function wallClock(iso: string, timeZone: string): Date {
	let f = wallFormats.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		});
		wallFormats.set(timeZone, f);
	}
	const p: Record<string, string> = {};
	for (const x of f.formatToParts(new Date(iso))) p[x.type] = x.value;
	return new Date(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`);
}

/** A day range from the desk's form, checked: both YYYY-MM-DD, from ≤ to, at most 3 years. */
export function dayRange(from: string, to: string): { from: string; to: string } | null {
	const day = /^\d{4}-\d{2}-\d{2}$/;
	if (!day.test(from) || !day.test(to)) return null;
	const a = Date.parse(`${from}T00:00:00Z`);
	const b = Date.parse(`${to}T00:00:00Z`);
	if (Number.isNaN(a) || Number.isNaN(b) || a > b || b - a > 3 * 366 * 86_400_000) return null;
	return { from, to };
}

/** A cell as CSV text: yuan with two decimals, local date-times, quotes where needed. */
export function csvCell(value: Cell, type: CellType, timeZone: string): string {
	if (value === null || value === '') return '';
	let text: string;
	if (type === 'money' && typeof value === 'number') text = (value / 100).toFixed(2);
	else if (type === 'decimal' && typeof value === 'number') text = (value / 100).toFixed(2);
	else if (type === 'datetime' && typeof value === 'string') {
		text = wallClock(value, timeZone).toISOString().slice(0, 16).replace('T', ' ');
	} else text = String(value);
	// A leading = + - @ would be read as a formula by Excel (CSV injection): quote it as text.
	if (type === 'text' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
