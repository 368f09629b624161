import { randomUUID } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import type { Acting } from '$lib/domain/permissions';
import {
	areaInputSchema,
	buildingInputSchema,
	counterInputSchema,
	roomInputSchema
} from '$lib/domain/site-places';
import type { Building, Counter, PublicArea, Room, Site } from '$lib/domain/site';
import { authorize } from '../staff/acting';
import type { SiteService } from './site';

/** The kinds of place the desk creates and edits here. */
export type PlaceKind = 'building' | 'counter' | 'room' | 'area';

/**
 * The desk's forms for buildings, counters, meeting rooms and common areas: create and edit,
 * each one audited SiteService.change (so screens showing them update through `site:updated`).
 * Ids never change, so units, bookings and work orders that name a place keep pointing at it
 * after a rename; deactivation is SiteRecords.setActive.
 */
export class SitePlaces {
	constructor(private readonly deps: { site: SiteService }) {}

	/** Adds (`id` null) or edits a building; its code is fixed once units may name it. */
	async saveBuilding(who: Acting, id: string | null, input: unknown): Promise<Building> {
		const actor = authorize(who, 'site.records');
		const v = buildingInputSchema.parse(id ? { ...(input as object), code: id } : input);
		const site = this.deps.site.site;
		if (id) this.#find(site.buildings, id);
		else if (site.buildings.some((b) => b.id === v.code)) {
			throw new FoyerError('error.buildingTaken', { building: v.code }, 409, 'code');
		}
		return this.#save(actor, 'building', id, (s) => s.buildings, {
			id: v.code,
			name: v.name,
			entrances: v.entrances,
			floors: v.floors
		});
	}

	/** Adds or edits a counter; two counters never share a number (the call names it). */
	async saveCounter(who: Acting, id: string | null, input: unknown): Promise<Counter> {
		const actor = authorize(who, 'site.records');
		const v = counterInputSchema.parse(input);
		const site = this.deps.site.site;
		if (id) this.#find(site.counters, id);
		if (site.counters.some((c) => c.number === v.number && c.id !== id)) {
			throw new FoyerError('error.counterTaken', { number: v.number }, 409, 'number');
		}
		return this.#save(actor, 'counter', id, (s) => s.counters, {
			id: id ?? randomUUID(),
			number: v.number,
			name: v.name,
			nameEn: v.nameEn,
			services: v.services
		});
	}

	/** Adds or edits a meeting room; bookings keep pointing at it by id. */
	async saveRoom(who: Acting, id: string | null, input: unknown): Promise<Room> {
		const actor = authorize(who, 'site.records');
		const v = roomInputSchema.parse(input);
		const site = this.deps.site.site;
		if (id) this.#find(site.rooms, id);
		this.#nameFree(site.rooms, v.name, id);
		return this.#save(actor, 'room', id, (s) => s.rooms, { id: id ?? randomUUID(), ...v });
	}

	/** Adds or edits a common area; work orders keep pointing at it by id. */
	async saveArea(who: Acting, id: string | null, input: unknown): Promise<PublicArea> {
		const actor = authorize(who, 'site.records');
		const v = areaInputSchema.parse(input);
		const site = this.deps.site.site;
		if (id) this.#find(site.publicAreas, id);
		this.#nameFree(site.publicAreas, v.name, id);
		return this.#save(actor, 'area', id, (s) => s.publicAreas, { id: id ?? randomUUID(), ...v });
	}

	/** Writes the record (new ones active), audited as site.placeAdded / site.placeEdited. */
	async #save<T extends { id: string; active: boolean }>(
		actor: ReturnType<typeof authorize>,
		kind: PlaceKind,
		id: string | null,
		list: (s: Site) => T[],
		values: Omit<T, 'active'>
	): Promise<T> {
		let saved: T | undefined;
		await this.deps.site.change(
			actor,
			{
				action: id ? 'site.placeEdited' : 'site.placeAdded',
				target: values.id,
				detail: { kind }
			},
			(s) => {
				const rows = list(s);
				const old = id ? rows.find((x) => x.id === id) : undefined;
				if (old) {
					// An English name cleared in the form is removed, not kept from before.
					if ('nameEn' in values && values.nameEn === undefined)
						delete (old as { nameEn?: string }).nameEn;
					Object.assign(old, JSON.parse(JSON.stringify(values)));
					saved = old;
				} else {
					saved = { ...JSON.parse(JSON.stringify(values)), active: true } as T;
					rows.push(saved);
				}
			}
		);
		return saved!;
	}

	#find<T extends { id: string }>(list: readonly T[], id: string): T {
		const found = list.find((x) => x.id === id);
		if (!found) throw new FoyerError('error.recordNotFound', {}, 404);
		return found;
	}

	/** Two rooms (or areas) with one name could not be told apart on a kiosk or a board. */
	#nameFree(list: readonly { id: string; name: string }[], name: string, id: string | null): void {
		if (list.some((x) => x.name === name && x.id !== id)) {
			throw new FoyerError('error.nameTaken', { name }, 409, 'name');
		}
	}
}
