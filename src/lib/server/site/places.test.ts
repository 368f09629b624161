import { ZodError } from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '$lib/domain/errors';
import type { Acting } from '$lib/domain/permissions';
import type { Site } from '$lib/domain/site';
import { demoSite } from '../seed';
import { SitePlaces } from './places';
import type { SiteService } from './site';

const manager: Acting = { id: 'm1', username: 'mgr', displayName: 'Mgr', roles: ['manager'] };
const frontDesk: Acting = { id: 'f1', username: 'fd', displayName: 'FD', roles: ['frontdesk'] };

/** A SiteService stand-in that applies changes and remembers what was audited. */
function setup() {
	const site: Site = demoSite();
	const audited: { action: string; target: string | null }[] = [];
	const service = {
		site,
		async change(_actor: unknown, what: { action: string; target: string | null }, mutate) {
			mutate(site);
			audited.push(what);
		}
	} as Pick<SiteService, 'site' | 'change'> as SiteService;
	return { site, audited, places: new SitePlaces({ site: service }) };
}

/** The field errors a form would show next to each field. */
async function refusal(p: Promise<unknown>): Promise<Record<string, string>> {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	if (e instanceof ZodError) return fieldErrors(e);
	const f = e as { key?: string; field?: string };
	return { [f.field ?? '_']: f.key ?? String(e) };
}

describe('site places: create and edit', () => {
	it('renames a building without touching the units that name it, and keeps its code', async () => {
		const { site, places, audited } = setup();
		const units = site.units.filter((u) => u.building === '1').map((u) => u.id);
		await places.saveBuilding(manager, '1', {
			code: 'changed',
			name: '一号楼',
			entrances: '3',
			floors: '18'
		});
		const b = site.buildings.find((x) => x.id === '1')!;
		expect(b).toMatchObject({ name: '一号楼', entrances: 3, floors: 18, active: true });
		expect(site.buildings.some((x) => x.id === 'changed')).toBe(false);
		expect(site.units.filter((u) => u.building === '1').map((u) => u.id)).toEqual(units);
		expect(audited.at(-1)).toEqual({
			action: 'site.placeEdited',
			target: '1',
			detail: { kind: 'building' }
		});
	});

	it('refuses a taken building code, a code with a dash and zero floors, next to each field', async () => {
		const { places } = setup();
		expect(
			await refusal(
				places.saveBuilding(manager, null, { code: '1', name: 'x', entrances: '1', floors: '1' })
			)
		).toEqual({ code: 'error.buildingTaken' });
		expect(
			await refusal(
				places.saveBuilding(manager, null, { code: 'A-1', name: '', entrances: '0', floors: 'x' })
			)
		).toEqual({
			code: 'error.buildingCode',
			name: 'error.nameRequired',
			entrances: 'error.entranceCount',
			floors: 'error.floorCount'
		});
	});

	it('adds a counter with the services it calls; a taken number is refused', async () => {
		const { site, places } = setup();
		const c = await places.saveCounter(manager, null, {
			number: '9',
			name: '九号窗口',
			nameEn: 'Counter 9',
			services: ['fees', 'repairs']
		});
		expect(site.counters.find((x) => x.id === c.id)).toMatchObject({
			number: 9,
			nameEn: 'Counter 9',
			services: ['fees', 'repairs'],
			active: true
		});
		expect(
			await refusal(
				places.saveCounter(manager, null, { number: '9', name: 'x', nameEn: '', services: [] })
			)
		).toEqual({ number: 'error.counterTaken' });
		expect(
			await refusal(
				places.saveCounter(manager, c.id, { number: '9', name: 'x', nameEn: '', services: ['tea'] })
			)
		).toEqual({ services: 'error.queueService' });
	});

	it('edits a meeting room (equipment typed with commas, layouts ticked) and clears its English name', async () => {
		const { site, places } = setup();
		const room = site.rooms[0]!;
		await places.saveRoom(manager, room.id, {
			name: room.name,
			nameEn: '',
			floor: '3F',
			capacity: '24',
			equipment: 'projector、白板, mic',
			layouts: ['boardroom', 'ushape']
		});
		const saved = site.rooms.find((r) => r.id === room.id)!;
		expect(saved).toMatchObject({
			floor: '3F',
			capacity: 24,
			equipment: ['projector', '白板', 'mic'],
			layouts: ['boardroom', 'ushape']
		});
		expect(saved.nameEn).toBeUndefined();
		expect(
			await refusal(
				places.saveRoom(manager, null, {
					name: room.name,
					nameEn: '',
					floor: '',
					capacity: '0',
					equipment: '',
					layouts: []
				})
			)
		).toEqual({ capacity: 'error.capacityCount', layouts: 'error.layoutRequired' });
		expect(
			await refusal(
				places.saveRoom(manager, null, {
					name: room.name,
					nameEn: '',
					floor: '',
					capacity: '5',
					equipment: '',
					layouts: ['theatre']
				})
			)
		).toEqual({ name: 'error.nameTaken' });
	});

	it('adds a common area; the front desk may not', async () => {
		const { site, places } = setup();
		const a = await places.saveArea(manager, null, { name: '健身房', nameEn: 'Gym' });
		expect(site.publicAreas.find((x) => x.id === a.id)).toMatchObject({
			name: '健身房',
			nameEn: 'Gym',
			active: true
		});
		expect(await refusal(places.saveArea(frontDesk, null, { name: '泳池', nameEn: '' }))).toEqual({
			_: 'error.forbidden'
		});
	});
});
