import { z } from 'zod';
import { msg } from './errors';
import { parseCenti } from './readings';
import { RESIDENT_KINDS, UNIT_STATES, UNIT_USES, type Unit } from './site';

/**
 * What the desk's record forms and the import files send for units, residents and fee
 * standards: text as typed, checked into the stored shape with a specific error key per field.
 * Shared by the forms and the import so both refuse the same things with the same words.
 */

/** Excel counts days from 1899-12-30 (it thinks 1900 was a leap year; serials after it agree). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A day as staff type it in Chinese spreadsheets: 2024-03-01, 2024/3/1, 2024.3.1,
 * 2024年3月1日, or an Excel date serial (45352). Returns YYYY-MM-DD, or null for anything else
 * (including days that do not exist, like 2024-02-30).
 */
export function parseDay(text: string): string | null {
	const t = text.trim();
	let y: number, m: number, d: number;
	const serial = /^\d{5}(\.\d+)?$/.exec(t);
	const ymd = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(t);
	if (serial) {
		const at = new Date(EXCEL_EPOCH + Math.floor(Number(t)) * 86_400_000);
		[y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
	} else if (ymd) {
		[y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
	} else return null;
	const check = new Date(Date.UTC(y, m - 1, d));
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
		return null;
	}
	if (y < 1950 || y > 2100) return null;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A mainland mobile number: 11 digits starting with 1. */
export const PHONE = /^1\d{10}$/;

/** "13800001111, 13900002222" (comma, 、, semicolon, slash or space between) → list. */
export function splitPhones(text: string): string[] {
	return text
		.split(/[\s,，;；/、]+/)
		.map((p) => p.trim())
		.filter(Boolean);
}

/** The id a unit gets from its natural key (the demo's and the kiosk's 1-1-101). */
export function unitId(u: Pick<Unit, 'building' | 'entrance' | 'room'>): string {
	return `${u.building}-${u.entrance}-${u.room}`;
}

const text = (max: number, key: Parameters<typeof msg>[0]) =>
	z.string().trim().min(1, msg(key)).max(max, msg('error.tooLong'));

/** An optional day field: '' → null; anything else must be a day (parseDay). */
const day = z
	.string()
	.trim()
	.transform((s, ctx) => {
		if (!s) return null;
		const d = parseDay(s);
		if (!d) ctx.addIssue({ code: 'custom', message: 'error.dayFormat' });
		return d;
	});

/** m² with up to two decimals, more than 0 → hundredths of a m². */
const area = z
	.string()
	.trim()
	.transform((s, ctx) => {
		const c = parseCenti(s);
		if (c === null || c <= 0) {
			ctx.addIssue({ code: 'custom', message: 'error.areaPositive' });
			return 0;
		}
		return c;
	});

/** Yuan with up to two decimals (0 allowed) → fen. */
const yuan = z
	.string()
	.trim()
	.transform((s, ctx) => {
		const c = parseCenti(s);
		if (c === null) {
			ctx.addIssue({ code: 'custom', message: 'error.priceFormat' });
			return 0;
		}
		return c;
	});

/** Optional English name for public screens (the same rule as the stored field). */
const nameEn = z
	.string()
	.trim()
	.max(80, msg('error.tooLong'))
	.transform((s) => s || undefined);

/** A unit as the form or a file row gives it. */
export const unitInputSchema = z.object({
	building: text(20, 'error.buildingRequired'),
	entrance: text(10, 'error.entranceRequired'),
	room: text(20, 'error.roomNumberRequired'),
	area,
	use: z.enum(UNIT_USES, msg('error.unitUse')),
	state: z.enum(UNIT_STATES, msg('error.unitState'))
});
export type UnitInput = z.output<typeof unitInputSchema>;

/** A resident as the form or a file row gives it (the unit by its id 1-1-101). */
export const residentInputSchema = z
	.object({
		unitId: text(60, 'error.unitRequired'),
		name: text(40, 'error.nameRequired'),
		phones: z
			.string()
			.transform(splitPhones)
			.pipe(
				z
					.array(z.string().regex(PHONE, msg('error.phone11')))
					.min(1, msg('error.phone11'))
					.max(5, msg('error.tooLong'))
			),
		kind: z.enum(RESIDENT_KINDS, msg('error.residentKind')),
		moveIn: day,
		moveOut: day
	})
	.refine((r) => !r.moveIn || !r.moveOut || r.moveOut >= r.moveIn, {
		message: 'error.moveOutBeforeIn',
		path: ['moveOut']
	});
export type ResidentInput = z.output<typeof residentInputSchema>;

/** A fee standard (one version of it) as the form or a file row gives it. */
export const feeStandardInputSchema = z
	.object({
		name: text(40, 'error.nameRequired'),
		nameEn,
		kind: z.enum(['perArea', 'fixed', 'metered'], msg('error.feeKind')),
		price: yuan,
		buildings: z.array(z.string().trim().min(1)).default([]),
		uses: z.array(z.enum(UNIT_USES, msg('error.unitUse'))).default([]),
		validFrom: day,
		validTo: day
	})
	.refine((f) => !f.validFrom || !f.validTo || f.validTo >= f.validFrom, {
		message: 'error.validToBeforeFrom',
		path: ['validTo']
	});
export type FeeStandardInput = z.output<typeof feeStandardInputSchema>;

/** Whether a version of a standard is the one in force on `day` (YYYY-MM-DD). */
export function inForce(
	s: { validFrom: string | null; validTo: string | null; active: boolean },
	day: string
): boolean {
	return s.active && (!s.validFrom || s.validFrom <= day) && (!s.validTo || s.validTo >= day);
}

/** Whether a standard applies to a unit: its buildings and uses, when it names any. */
export function appliesTo(
	s: { buildings: readonly string[]; uses: readonly string[] },
	unit: Pick<Unit, 'building' | 'use'>
): boolean {
	return (
		(s.buildings.length === 0 || s.buildings.includes(unit.building)) &&
		(s.uses.length === 0 || s.uses.includes(unit.use))
	);
}

/** The day before YYYY-MM-DD (when a new price starts, the old version ends the day before). */
export function dayBefore(day: string): string {
	const t = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
	return new Date(t).toISOString().slice(0, 10);
}

/** One page of a list, searched and paged on the server (5,000 units must stay quick). */
export interface Page<T> {
	rows: T[];
	total: number;
	page: number;
	pages: number;
}

/** Rows `page` (1-based) of `size` from `all`, clamped to the pages there are. */
export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
	const pages = Math.max(1, Math.ceil(all.length / size));
	const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	return { rows: all.slice((p - 1) * size, p * size), total: all.length, page: p, pages };
}
