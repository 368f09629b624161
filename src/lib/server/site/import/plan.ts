import { FoyerError } from '$lib/domain/errors';
import { periodSchema } from '$lib/domain/fees';
import { parseCenti } from '$lib/domain/readings';
import type { FeeStandard, Resident, Site, Unit } from '$lib/domain/site';
import {
	dayBefore,
	feeStandardInputSchema,
	residentInputSchema,
	unitId,
	unitInputSchema
} from '$lib/domain/site-records';
import { isErrorKey, translate, type ErrorKey, type Locale } from '$lib/i18n';
import type { OpeningBalance } from '../../fees/opening-balances';
import type { Bill } from '$lib/domain/fees';
import {
	COLUMNS,
	feeKindOf,
	normalizeHeader,
	residentKindOf,
	stateOf,
	useOf,
	type ImportKind
} from './kinds';
import { mergeReadings, parseReadingRow } from './readings';
import { columnLetter, type Table } from './table';

/** What is wrong with one cell of one row. */
export interface RowError {
	row: number;
	/** The column's field (its header is translated when shown). */
	field: string;
	key: ErrorKey;
	values: Record<string, string | number>;
}

/** What an import will do: counts, row errors, and the change to make (if no errors). */
export interface Plan {
	kind: ImportKind;
	rows: number;
	add: number;
	update: number;
	unchanged: number;
	errors: RowError[];
	/** Applies the site records' changes (units, residents, fee standards). */
	change: (site: Site) => void;
	/** Opening balances to issue as bills. */
	balances: OpeningBalance[];
}

/** What a plan is made against: the site now and the bills already issued. */
export interface PlanContext {
	site: Site;
	openingBill: (b: Pick<OpeningBalance, 'unitId' | 'period' | 'item'>) => Bill | undefined;
	today: string;
	/** The staff member's language: a missing column is named in it. */
	locale: Locale;
	/** The item name an opening balance gets when the file names none. */
	defaultItem: string;
}

/** Column index of each field, from the header row; unknown or missing columns refuse the file. */
function mapHeaders(kind: ImportKind, table: Table, locale: Locale): Map<string, number> {
	const headers = table.headers;
	const byHeader = new Map<string, string>();
	for (const c of COLUMNS[kind]) {
		for (const l of ['zh-CN', 'en'] as const)
			byHeader.set(normalizeHeader(translate(l, c.header)), c.field);
		byHeader.set(normalizeHeader(c.field), c.field);
	}
	// The reason column of a downloaded error workbook is read past, so it uploads again as is.
	const reason = new Set(
		(['zh-CN', 'en'] as const).map((l) => normalizeHeader(translate(l, 'import.reasonColumn')))
	);
	const index = new Map<string, number>();
	headers.forEach((h, i) => {
		if (!h || reason.has(normalizeHeader(h))) return;
		const field = byHeader.get(normalizeHeader(h));
		// Bytes that are not UTF-8 were read as GBK; a heading that then means nothing says the
		// guess was wrong (Big5, Shift-JIS …) more likely than a mistyped heading.
		if (!field && table.encoding === 'gb18030') throw new FoyerError('error.importEncoding');
		if (!field) throw new FoyerError('error.importUnknownColumn', { column: h }, 400);
		index.set(field, i);
	});
	for (const c of COLUMNS[kind]) {
		if (c.required && !index.has(c.field)) {
			throw new FoyerError('error.importMissingColumn', { column: translate(locale, c.header) });
		}
	}
	return index;
}

type Parsed<T> = { ok: true; key: string; value: T } | { ok: false; errors: RowError[] };

/** Issues of a failed schema parse as row errors, their paths renamed to the file's fields. */
function issues(
	row: number,
	error: { issues: { path: PropertyKey[]; message: string }[] },
	rename: Record<string, string>
): RowError[] {
	return error.issues.map((i) => {
		const path = String(i.path[0] ?? '');
		return {
			row,
			field: rename[path] ?? path,
			key: isErrorKey(i.message) ? i.message : 'error.invalid',
			values: {}
		};
	});
}

/**
 * Plans an import: validates every row, matches it on its natural key against the site
 * (building–entrance–room, unit + phone, name + valid-from, unit + period + item), and counts
 * what would be added, updated or left unchanged. Nothing is changed here.
 */
export function planImport(kind: ImportKind, table: Table, ctx: PlanContext): Plan {
	const index = mapHeaders(kind, table, ctx.locale);
	const plan: Plan = {
		kind,
		rows: table.rows.length,
		add: 0,
		update: 0,
		unchanged: 0,
		errors: [],
		change: () => {},
		balances: []
	};
	const seen = new Map<string, number>();
	const accepted: Accepted[] = [];
	const parse = PARSERS[kind];
	// Made once per plan: 10,000 rows each looking through 5,000 units would take seconds.
	const ids = new Set(ctx.site.buildings.map((b) => b.id));
	const byName = new Map(ctx.site.buildings.map((b) => [b.name, b.id]));
	const rowCtx: RowContext = {
		...ctx,
		unitIds: new Set(ctx.site.units.map((u) => u.id)),
		// A building as exports write it (its name, 1栋) or as unit numbers do (its code, 1).
		buildingOf: (text) => (ids.has(text) ? text : (byName.get(text) ?? text))
	};
	for (const r of table.rows) {
		const get = (field: string) => {
			const i = index.get(field);
			return i === undefined ? '' : (r.cells[i] ?? '');
		};
		const formula = r.formulas.find((c) => [...index.values()].includes(c));
		if (formula !== undefined) {
			const field = [...index].find(([, i]) => i === formula)![0];
			const cell = `${columnLetter(formula)}${r.row}`;
			plan.errors.push({ row: r.row, field, key: 'error.importFormula', values: { cell } });
			continue;
		}
		const p = parse(r.row, get, rowCtx);
		if (!p.ok) {
			plan.errors.push(...p.errors);
			continue;
		}
		const first = seen.get(p.key);
		if (first !== undefined) {
			const field = COLUMNS[kind][0]!.field;
			plan.errors.push({
				row: r.row,
				field,
				key: 'error.importDuplicateRow',
				values: { row: first }
			});
			continue;
		}
		seen.set(p.key, r.row);
		accepted.push({ key: p.key, value: p.value, row: r.row });
	}
	MERGERS[kind](plan, accepted, ctx);
	return plan;
}

type Get = (field: string) => string;
/** What a row is checked against: the plan's context, and the site's unit ids as a set. */
type RowContext = PlanContext & {
	unitIds: ReadonlySet<string>;
	buildingOf: (text: string) => string;
};
type Parser = (row: number, get: Get, ctx: RowContext) => Parsed<unknown>;

const PARSERS: Record<ImportKind, Parser> = {
	units: (row, get, ctx) => {
		const r = unitInputSchema.safeParse({
			building: ctx.buildingOf(get('building').trim()),
			entrance: get('entrance'),
			room: get('room'),
			area: get('area'),
			use: useOf(get('use')) || 'residential',
			state: stateOf(get('state')) || 'occupied'
		});
		return r.success
			? { ok: true, key: unitId(r.data), value: r.data }
			: { ok: false, errors: issues(row, r.error, {}) };
	},
	residents: (row, get, ctx) => {
		const r = residentInputSchema.safeParse({
			unitId: get('unit'),
			name: get('name'),
			phones: get('phones'),
			kind: residentKindOf(get('kind')) || 'owner',
			moveIn: get('moveIn'),
			moveOut: get('moveOut')
		});
		if (!r.success) return { ok: false, errors: issues(row, r.error, { unitId: 'unit' }) };
		if (!ctx.unitIds.has(r.data.unitId)) {
			return {
				ok: false,
				errors: [
					{ row, field: 'unit', key: 'error.importUnitUnknown', values: { unit: r.data.unitId } }
				]
			};
		}
		return { ok: true, key: `${r.data.unitId}|${r.data.phones[0]}`, value: r.data };
	},
	feeStandards: (row, get) => {
		const list = (s: string) => s.split(/[\s,，;；、/]+/).filter(Boolean);
		const r = feeStandardInputSchema.safeParse({
			name: get('standard'),
			nameEn: get('nameEn'),
			kind: feeKindOf(get('feeKind')),
			price: get('price'),
			buildings: list(get('buildings')),
			uses: list(get('uses')).map(useOf),
			validFrom: get('validFrom'),
			validTo: get('validTo')
		});
		if (!r.success) {
			return { ok: false, errors: issues(row, r.error, { name: 'standard', kind: 'feeKind' }) };
		}
		return { ok: true, key: `${r.data.name}|${r.data.validFrom ?? ''}`, value: r.data };
	},
	balances: (row, get, ctx) => {
		const errors: RowError[] = [];
		const unit = get('unit');
		const period = get('period');
		const cents = parseCenti(get('amount'));
		if (!ctx.unitIds.has(unit)) {
			errors.push({ row, field: 'unit', key: 'error.importUnitUnknown', values: { unit } });
		}
		if (!periodSchema.safeParse(period).success) {
			errors.push({ row, field: 'period', key: 'error.period', values: {} });
		}
		if (cents === null || cents <= 0) {
			errors.push({ row, field: 'amount', key: 'error.amountPositive', values: {} });
		}
		if (errors.length) return { ok: false, errors };
		const item = get('item') || ctx.defaultItem;
		const value: OpeningBalance = { unitId: unit, period, item, amountFen: cents! };
		return { ok: true, key: `${unit}|${period}|${item}`, value };
	},
	readings: parseReadingRow
};

/** A valid row, not a duplicate: its natural key, parsed value and row number. */
interface Accepted {
	key: string;
	value: unknown;
	row: number;
}

type Merger = (plan: Plan, rows: Accepted[], ctx: PlanContext) => void;

const yuan = (fen: number) => (fen / 100).toFixed(2);

const MERGERS: Record<ImportKind, Merger> = {
	units: (plan, rows, ctx) => {
		const existing = new Map(ctx.site.units.map((u) => [u.id, u]));
		const adds: Unit[] = [];
		const updates: Unit[] = [];
		for (const { key, value } of rows) {
			const v = value as ReturnType<typeof unitInputSchema.parse>;
			const unit: Unit = {
				id: key,
				building: v.building,
				entrance: v.entrance,
				room: v.room,
				areaCentiM2: v.area,
				use: v.use,
				state: v.state,
				active: true
			};
			const old = existing.get(key);
			if (!old) adds.push(unit);
			else if (
				old.areaCentiM2 !== unit.areaCentiM2 ||
				old.use !== unit.use ||
				old.state !== unit.state ||
				!old.active
			) {
				updates.push(unit);
			} else plan.unchanged++;
		}
		plan.add = adds.length;
		plan.update = updates.length;
		plan.change = (site) => {
			// Buildings named by units but not yet set up are added (a new site's first import).
			const buildings = new Set(site.buildings.map((b) => b.id));
			for (const u of adds) {
				if (buildings.has(u.building)) continue;
				buildings.add(u.building);
				site.buildings.push({
					id: u.building,
					name: u.building,
					entrances: 1,
					floors: 1,
					active: true
				});
			}
			const byId = new Map(site.units.map((u) => [u.id, u]));
			for (const u of updates) Object.assign(byId.get(u.id)!, u);
			site.units.push(...adds);
		};
	},
	residents: (plan, rows, ctx) => {
		const existing = new Map(ctx.site.residents.map((r) => [`${r.unitId}|${r.phone}`, r]));
		const adds: Resident[] = [];
		const updates: Resident[] = [];
		for (const { key, value } of rows) {
			const v = value as ReturnType<typeof residentInputSchema.parse>;
			const [phone, ...otherPhones] = v.phones as [string, ...string[]];
			const old = existing.get(key);
			const next: Resident = {
				id: old?.id ?? `res-${crypto.randomUUID()}`,
				unitId: v.unitId,
				name: v.name,
				phone,
				otherPhones,
				kind: v.kind,
				moveIn: v.moveIn,
				moveOut: v.moveOut,
				active: !v.moveOut
			};
			if (!old) adds.push(next);
			else if (JSON.stringify(old) !== JSON.stringify({ ...old, ...next })) updates.push(next);
			else plan.unchanged++;
		}
		plan.add = adds.length;
		plan.update = updates.length;
		plan.change = (site) => {
			const byId = new Map(site.residents.map((r) => [r.id, r]));
			for (const r of updates) Object.assign(byId.get(r.id)!, r);
			site.residents.push(...adds);
		};
	},
	feeStandards: (plan, rows, ctx) => {
		const adds: FeeStandard[] = [];
		for (const { key, value, row } of rows) {
			const v = value as ReturnType<typeof feeStandardInputSchema.parse>;
			const next = {
				name: v.name,
				...(v.nameEn ? { nameEn: v.nameEn } : {}),
				kind: v.kind,
				priceFen: v.price,
				buildings: v.buildings,
				uses: v.uses,
				validFrom: v.validFrom,
				validTo: v.validTo
			};
			const old = ctx.site.feeStandards.find((s) => `${s.name}|${s.validFrom ?? ''}` === key);
			if (!old) {
				adds.push({ id: crypto.randomUUID(), ...next, active: true });
				continue;
			}
			// A version the file leaves open may have been ended since by a later one: still the same.
			const sameEnd = (old.validTo ?? '') === (v.validTo ?? '') || !v.validTo;
			const same =
				sameEnd &&
				old.kind === next.kind &&
				old.priceFen === next.priceFen &&
				(old.nameEn ?? '') === (v.nameEn ?? '') &&
				old.buildings.join() === next.buildings.join() &&
				old.uses.join() === next.uses.join();
			if (same) plan.unchanged++;
			else {
				plan.errors.push({
					row,
					field: 'standard',
					key: 'error.importStandardChanged',
					values: { name: v.name, from: v.validFrom ?? '' }
				});
			}
		}
		plan.add = adds.length;
		plan.change = (site) => {
			for (const s of adds) {
				// A later version of a standard in force ends the earlier one the day before.
				const current = site.feeStandards.find(
					(x) =>
						x.active &&
						x.name === s.name &&
						!x.validTo &&
						s.validFrom &&
						(x.validFrom ?? '') < s.validFrom
				);
				if (current) current.validTo = dayBefore(s.validFrom!);
				site.feeStandards.push(s);
			}
		};
	},
	balances: (plan, rows, ctx) => {
		for (const { value, row } of rows) {
			const b = value as OpeningBalance;
			const old = ctx.openingBill(b);
			if (!old) plan.balances.push(b);
			else if (old.amountFen === b.amountFen) plan.unchanged++;
			else {
				plan.errors.push({
					row,
					field: 'amount',
					key: 'error.balanceIssued',
					values: { amount: yuan(old.amountFen) }
				});
			}
		}
		plan.add = plan.balances.length;
	},
	readings: (plan, rows, ctx) => {
		const m = mergeReadings(rows, ctx.site);
		Object.assign(plan, { add: m.add, update: m.update, unchanged: m.unchanged, change: m.change });
	}
};
