import { randomUUID } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import type { Acting } from '$lib/domain/permissions';
import {
	dayBefore,
	feeStandardInputSchema,
	pageOf,
	residentInputSchema,
	unitId,
	unitInputSchema,
	type Page
} from '$lib/domain/site-records';
import type { FeeStandard, Resident, Unit } from '$lib/domain/site';
import type { Clock } from '$lib/domain/time';
import { dayKey } from '$lib/domain/time';
import { authorize } from '../staff/acting';
import type { SiteService } from './site';

/** How many rows a desk list shows per page. */
export const PAGE_SIZE = 50;

/** A list query as the desk's search box and pager send it. */
export interface ListQuery {
	q?: string;
	page?: number;
	/** Show deactivated (moved-out) records too. */
	all?: boolean;
}

/** Which kind of record a (de)activation is about. */
export type RecordKind =
	'unit' | 'resident' | 'feeStandard' | 'building' | 'counter' | 'room' | 'area';

/**
 * The desk's site records (基础资料): units, residents and fee standards, listed with search
 * and paging on the server, created and edited through the shared input schemas, deactivated
 * instead of deleted. Every change is one audited SiteService.change.
 */
export class SiteRecords {
	constructor(private readonly deps: { site: SiteService; clock: Clock }) {}

	#today(): string {
		return dayKey(this.deps.clock.now(), this.deps.site.site.timeZone);
	}

	/** Units matching `q` (building–entrance–room or part of it), page by page. */
	units(who: Acting, query: ListQuery): Page<Unit> {
		authorize(who, 'site.records');
		const q = (query.q ?? '').trim();
		const all = this.deps.site.site.units.filter(
			(u) => (query.all || u.active) && (!q || u.id.includes(q))
		);
		return pageOf(all, query.page ?? 1, PAGE_SIZE);
	}

	/** Residents matching `q` (name, phone or unit), page by page; moved-out ones on request. */
	residents(who: Acting, query: ListQuery): Page<Resident> {
		authorize(who, 'site.residents');
		const q = (query.q ?? '').trim();
		const all = this.deps.site.site.residents.filter(
			(r) =>
				(query.all || r.active) &&
				(!q ||
					r.unitId.includes(q) ||
					r.name.includes(q) ||
					r.phone.includes(q) ||
					r.otherPhones.some((p) => p.includes(q)))
		);
		return pageOf(all, query.page ?? 1, PAGE_SIZE);
	}

	/** Every version of every fee standard, current ones first. */
	feeStandards(who: Acting): FeeStandard[] {
		authorize(who, 'site.records');
		return [...this.deps.site.site.feeStandards].sort(
			(a, b) =>
				Number(b.active) - Number(a.active) ||
				a.name.localeCompare(b.name) ||
				(b.validFrom ?? '').localeCompare(a.validFrom ?? '')
		);
	}

	/** Adds a unit; its building must exist and building–entrance–room must be free. */
	async addUnit(who: Acting, input: unknown): Promise<Unit> {
		const actor = authorize(who, 'site.records');
		const v = unitInputSchema.parse(input);
		const site = this.deps.site.site;
		if (!site.buildings.some((b) => b.id === v.building)) {
			throw new FoyerError('error.buildingUnknown', { building: v.building }, 400, 'building');
		}
		const id = unitId(v);
		if (site.units.some((u) => u.id === id)) {
			throw new FoyerError('error.unitTaken', { unit: id }, 409, 'room');
		}
		const unit: Unit = {
			id,
			building: v.building,
			entrance: v.entrance,
			room: v.room,
			areaCentiM2: v.area,
			use: v.use,
			state: v.state,
			active: true
		};
		await this.deps.site.change(actor, { action: 'site.unitAdded', target: id }, (s) => {
			s.units.push(unit);
		});
		return unit;
	}

	/** Changes a unit's area, use and state (its number is its identity: bills name it). */
	async editUnit(who: Acting, id: string, input: unknown): Promise<void> {
		const actor = authorize(who, 'site.records');
		const v = unitInputSchema.parse(input);
		this.#find(this.deps.site.site.units, id, 'error.unitNotFound');
		await this.deps.site.change(actor, { action: 'site.unitEdited', target: id }, (s) => {
			const u = s.units.find((x) => x.id === id)!;
			Object.assign(u, { areaCentiM2: v.area, use: v.use, state: v.state });
		});
	}

	/** Adds a resident to a unit (a unit may have several). */
	async addResident(who: Acting, input: unknown): Promise<Resident> {
		const actor = authorize(who, 'site.residents');
		const v = residentInputSchema.parse(input);
		const site = this.deps.site.site;
		if (!site.units.some((u) => u.id === v.unitId && u.active)) {
			throw new FoyerError('error.unitNotFound', {}, 400, 'unitId');
		}
		const [phone, ...otherPhones] = v.phones as [string, ...string[]];
		if (site.residents.some((r) => r.active && r.unitId === v.unitId && r.phone === phone)) {
			throw new FoyerError('error.residentTaken', { phone }, 409, 'phones');
		}
		const resident: Resident = {
			id: randomUUID(),
			unitId: v.unitId,
			name: v.name,
			phone,
			otherPhones,
			kind: v.kind,
			moveIn: v.moveIn,
			moveOut: v.moveOut,
			active: !v.moveOut
		};
		await this.deps.site.change(
			actor,
			{ action: 'site.residentAdded', target: resident.id, detail: { unitId: v.unitId } },
			(s) => {
				s.residents.push(resident);
			}
		);
		return resident;
	}

	/** Edits a resident; a move-out date makes them inactive (kept as history). */
	async editResident(who: Acting, id: string, input: unknown): Promise<void> {
		const actor = authorize(who, 'site.residents');
		const v = residentInputSchema.parse(input);
		const old = this.#find(this.deps.site.site.residents, id, 'error.residentNotFound');
		const [phone, ...otherPhones] = v.phones as [string, ...string[]];
		await this.deps.site.change(actor, { action: 'site.residentEdited', target: id }, (s) => {
			const r = s.residents.find((x) => x.id === id)!;
			Object.assign(r, {
				name: v.name,
				phone,
				otherPhones,
				kind: v.kind,
				moveIn: v.moveIn,
				moveOut: v.moveOut,
				active: !v.moveOut,
				unitId: old.unitId
			});
		});
	}

	/**
	 * Adds a fee standard, or — when an active one of the same name exists — a new version of
	 * it from `validFrom` (required then): the old version ends the day before, so bills
	 * already issued, and periods before the date, keep the old price.
	 */
	async saveFeeStandard(who: Acting, input: unknown): Promise<FeeStandard> {
		const actor = authorize(who, 'site.records');
		const v = feeStandardInputSchema.parse(input);
		const current = this.deps.site.site.feeStandards.find(
			(s) => s.active && s.name === v.name && !s.validTo
		);
		if (current) {
			if (!v.validFrom || (current.validFrom && v.validFrom <= current.validFrom)) {
				throw new FoyerError('error.newVersionFrom', { name: v.name }, 400, 'validFrom');
			}
		}
		const standard: FeeStandard = {
			id: randomUUID(),
			name: v.name,
			...(v.nameEn ? { nameEn: v.nameEn } : {}),
			kind: v.kind,
			priceFen: v.price,
			buildings: v.buildings,
			uses: v.uses,
			validFrom: v.validFrom ?? this.#today(),
			validTo: v.validTo,
			active: true
		};
		await this.deps.site.change(
			actor,
			{
				action: current ? 'site.feeStandardVersioned' : 'site.feeStandardAdded',
				target: standard.id,
				detail: { name: v.name, priceFen: v.price, validFrom: standard.validFrom }
			},
			(s) => {
				if (current) {
					s.feeStandards.find((x) => x.id === current.id)!.validTo = dayBefore(standard.validFrom!);
				}
				s.feeStandards.push(standard);
			}
		);
		return standard;
	}

	/** Deactivates (or reactivates) a record: nothing with history is deleted. */
	async setActive(who: Acting, kind: RecordKind, id: string, active: boolean): Promise<void> {
		const actor = authorize(who, kind === 'resident' ? 'site.residents' : 'site.records');
		const list = this.#list(kind);
		this.#find(list(this.deps.site.site), id, 'error.recordNotFound');
		const today = this.#today();
		await this.deps.site.change(
			actor,
			{ action: active ? 'site.reactivated' : 'site.deactivated', target: id, detail: { kind } },
			(s) => {
				const r = list(s).find((x) => x.id === id)!;
				r.active = active;
				// A resident who is deactivated has moved out: the date is the history.
				if (kind === 'resident') (r as Resident).moveOut = active ? null : today;
			}
		);
	}

	#list(kind: RecordKind): (s: SiteService['site']) => { id: string; active: boolean }[] {
		const lists = {
			unit: (s) => s.units,
			resident: (s) => s.residents,
			feeStandard: (s) => s.feeStandards,
			building: (s) => s.buildings,
			counter: (s) => s.counters,
			room: (s) => s.rooms,
			area: (s) => s.publicAreas
		} satisfies Record<RecordKind, (s: SiteService['site']) => { id: string; active: boolean }[]>;
		return lists[kind];
	}

	#find<T extends { id: string }>(
		list: readonly T[],
		id: string,
		key: 'error.unitNotFound' | 'error.residentNotFound' | 'error.recordNotFound'
	): T {
		const found = list.find((x) => x.id === id);
		if (!found) throw new FoyerError(key, {}, 404);
		return found;
	}
}
