import { foyer } from '$lib/server/foyer';
import type { PageServerLoad } from './$types';

/** The records index: how many of each there are (active ones). */
export const load: PageServerLoad = () => {
	const site = foyer().site.site;
	const active = (list: readonly { active: boolean }[]) => list.filter((x) => x.active).length;
	return {
		counts: {
			buildings: active(site.buildings),
			units: active(site.units),
			residents: active(site.residents),
			fees: active(site.feeStandards),
			counters: active(site.counters),
			rooms: active(site.rooms),
			areas: active(site.publicAreas)
		}
	};
};
